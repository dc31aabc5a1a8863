// OrleansGossip in Azure: a container registry, Log Analytics, Azure Cache for Redis (membership), a storage account
// (grain state and reports), and the silos on AKS (hosting = 'aks', with deploy/k8s applied afterwards) or on a VM
// scale set (hosting = 'vmss', which starts the containers itself). Outputs where the Gateway and the Dashboard answer.
// Deploy: az deployment group create -g <group> -f infra/bicep/main.bicep -p infra/bicep/main.dev.bicepparam
targetScope = 'resourceGroup'

@description('The environment, part of every resource name.')
@allowed([
  'dev'
  'prod'
])
param environmentName string

@description('Where everything goes; the resource group\'s region by default.')
param location string = resourceGroup().location

@description('Where the silos run: an AKS cluster (with deploy/k8s) or a VM scale set.')
@allowed([
  'aks'
  'vmss'
])
param hosting string = 'aks'

@description('Makes the globally unique names (registry, storage, cache, DNS) unique; the resource group\'s id by default.')
param nameSuffix string = uniqueString(resourceGroup().id)

@description('AKS: the Kubernetes version, empty for the region\'s default.')
param kubernetesVersion string = ''

@description('AKS: VM size of the system pool.')
param systemVmSize string = 'Standard_D2s_v5'

@description('VM size of the silo nodes (AKS pool) or instances (scale set).')
param siloVmSize string = 'Standard_D4s_v5'

@description('Silo nodes at least (AKS pool minimum, or scale set instances).')
@minValue(1)
param siloNodesMin int = 2

@description('AKS: silo nodes at most (cluster autoscaler).')
@minValue(1)
param siloNodesMax int = 6

@description('Azure Cache for Redis: Basic, Standard or Premium, and its capacity.')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param redisSku string = 'Standard'

@minValue(0)
@maxValue(6)
param redisCapacity int = 1

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
param storageSku string = 'Standard_LRS'

@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param registrySku string = 'Standard'

@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Scale set: the image tag to run.')
param imageTag string = 'latest'

@description('Scale set: the administrator (SSH key only).')
param adminUsername string = 'orleansgossip'

@description('Scale set: the administrator\'s SSH public key.')
param sshPublicKey string = ''

@description('Scale set: the Gateway\'s API key (X-Api-Key).')
@secure()
param gatewayApiKey string = ''

@description('Scale set: the certificates of `certs create` as a base64 tar.gz of its folder.')
@secure()
param certificatesArchive string = ''

var tags = {
  application: 'orleansgossip'
  environment: environmentName
}
var prefix = 'orleansgossip-${environmentName}'
var compactSuffix = toLower(take(nameSuffix, 10))
var grainContainer = 'orleansgossip-grains'
var reportsContainer = 'orleansgossip-reports'
var nodeResourceGroup = '${resourceGroup().name}-${environmentName}-nodes'
var dnsLabel = 'orleansgossip-${environmentName}-${compactSuffix}'

module logs 'modules/logAnalytics.bicep' = {
  name: 'logs'
  params: {
    location: location
    name: '${prefix}-logs'
    retentionInDays: logRetentionDays
    tags: tags
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    location: location
    name: 'orleansgossip${environmentName}${compactSuffix}'
    sku: registrySku
    tags: tags
  }
}

module redis 'modules/redis.bicep' = {
  name: 'redis'
  params: {
    location: location
    name: '${prefix}-${compactSuffix}'
    skuName: redisSku
    capacity: redisCapacity
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: take('og${environmentName}${compactSuffix}', 24)
    skuName: storageSku
    grainContainer: grainContainer
    reportsContainer: reportsContainer
    tags: tags
  }
}

module aks 'modules/aks.bicep' = if (hosting == 'aks') {
  name: 'aks'
  params: {
    location: location
    name: '${prefix}-aks'
    nodeResourceGroup: nodeResourceGroup
    kubernetesVersion: kubernetesVersion
    systemVmSize: systemVmSize
    siloVmSize: siloVmSize
    siloNodesMin: siloNodesMin
    siloNodesMax: siloNodesMax
    logAnalyticsWorkspaceId: logs.outputs.id
    registryName: registry.outputs.name
    tags: tags
  }
}

// AKS: the ingress controller's address (deploy/k8s/ingress.yaml names it) lives with the cluster's load balancer.
module ingressIp 'modules/publicIp.bicep' = if (hosting == 'aks') {
  name: 'ingress-ip'
  scope: resourceGroup(nodeResourceGroup)
  dependsOn: [
    aks
  ]
  params: {
    location: location
    name: 'orleansgossip-ingress'
    dnsLabel: dnsLabel
    tags: tags
  }
}

// Scale set: the load balancer's address.
module vmssIp 'modules/publicIp.bicep' = if (hosting == 'vmss') {
  name: 'vmss-ip'
  params: {
    location: location
    name: '${prefix}-ip'
    dnsLabel: dnsLabel
    tags: tags
  }
}

resource redisCache 'Microsoft.Cache/redis@2024-03-01' existing = {
  name: '${prefix}-${compactSuffix}'
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: take('og${environmentName}${compactSuffix}', 24)
}

module vmss 'modules/vmss.bicep' = if (hosting == 'vmss') {
  name: 'vmss'
  // The keys are read from the account and the cache once their modules are done.
  dependsOn: [
    storage
  ]
  params: {
    location: location
    name: prefix
    vmSize: siloVmSize
    instances: siloNodesMin
    adminUsername: adminUsername
    sshPublicKey: sshPublicKey
    registryName: registry.outputs.name
    imageTag: imageTag
    publicIpId: vmssIp.?outputs.id ?? ''
    environmentFile: join([
      'Clustering__Provider=redis'
      'Clustering__ClusterId=orleansgossip'
      'Clustering__ServiceId=orleansgossip'
      'Clustering__ConnectionString=${redis.outputs.hostName}:${redis.outputs.sslPort},password=${redisCache.listKeys().primaryKey},ssl=True,abortConnect=False'
      'GrainStorage__Provider=azureblob'
      'GrainStorage__ContainerName=${grainContainer}'
      'GrainStorage__ConnectionString=${storageConnection}'
      'ReportExport__ContainerName=${reportsContainer}'
      'ReportExport__ConnectionString=${storageConnection}'
      'Tls__CertificatePath=/etc/orleansgossip/tls/tls.pem'
      'Tls__KeyPath=/etc/orleansgossip/tls/tls.key'
      'Tls__CaCertificatePath=/etc/orleansgossip/tls/ca.pem'
      'Gateway__Access__ApiKeys__0=${gatewayApiKey}'
      'DOTNET_EnableDiagnostics=0'
    ], '\n')
    certificatesArchive: certificatesArchive
    tags: tags
  }
}

@description('Grain state and the report export share the storage account.')
var storageConnection = 'DefaultEndpointsProtocol=https;AccountName=${storageAccount.name};AccountKey=${storageAccount.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

var fqdn = hosting == 'aks' ? ingressIp.?outputs.fqdn ?? '' : vmssIp.?outputs.fqdn ?? ''

@description('The Gateway\'s HTTP API.')
output gatewayUrl string = hosting == 'aks' ? 'http://${fqdn}/api' : 'http://${fqdn}:8000/api'

@description('The Dashboard.')
output dashboardUrl string = 'http://${fqdn}/'

@description('Where to push the images: <loginServer>/orleansgossip/{silo,gateway,dashboard}:<tag>.')
output registryLoginServer string = registry.outputs.loginServer

output registryName string = registry.outputs.name

@description('AKS: the cluster, for az aks get-credentials.')
output aksName string = aks.?outputs.name ?? ''

@description('The cache whose keys make Clustering__ConnectionString.')
output redisName string = redis.outputs.name

output redisHostName string = redis.outputs.hostName

@description('The account whose keys make GrainStorage__ConnectionString.')
output storageAccountName string = storage.outputs.name

output grainContainer string = grainContainer

output reportsContainer string = reportsContainer

output logAnalyticsWorkspaceName string = logs.outputs.name
