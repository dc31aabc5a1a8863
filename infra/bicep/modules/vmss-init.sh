#!/bin/bash
# cloud-init of each scale set instance: docker, the settings and certificates, then a silo, a Gateway and a
# Dashboard pulled from the registry with the instance's managed identity. Placeholders (@...@) are filled by vmss.bicep.
set -euo pipefail
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io jq curl
install -d -m 0750 -g 1654 /etc/orleansgossip/tls
echo '@ENV@' | base64 -d > /etc/orleansgossip/env
chmod 0600 /etc/orleansgossip/env
echo '@CERTS@' | base64 -d | tar -xz -C /etc/orleansgossip/tls
chgrp -R 1654 /etc/orleansgossip/tls && chmod 0640 /etc/orleansgossip/tls/*

# A registry refresh token for the instance's identity (the AcrPull role), then docker login with it.
arm='@ARM@'
token=$(curl -sf -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=${arm%/}/" | jq -r .access_token)
refresh=$(curl -sf -X POST "https://@ACR@/oauth2/exchange" -d "grant_type=access_token&service=@ACR@&access_token=$token" | jq -r .refresh_token)
echo "$refresh" | docker login @ACR@ -u 00000000-0000-0000-0000-000000000000 --password-stdin

run() { # name, certificate, image, extra arguments...
  local name=$1 cert=$2 image=$3
  shift 3
  docker run -d --name "$name" --restart unless-stopped --network host --env-file /etc/orleansgossip/env \
    -v "/etc/orleansgossip/tls/ca.pem:/etc/orleansgossip/tls/ca.pem:ro" \
    -v "/etc/orleansgossip/tls/$cert.pem:/etc/orleansgossip/tls/tls.pem:ro" \
    -v "/etc/orleansgossip/tls/$cert.key:/etc/orleansgossip/tls/tls.key:ro" \
    "$@" "@ACR@/orleansgossip/$image:@TAG@"
}
run silo silo-1 silo -e Health__Port=8080
run gateway gateway gateway -e ASPNETCORE_HTTP_PORTS=8000
run dashboard dashboard dashboard -e ASPNETCORE_HTTP_PORTS=8001
