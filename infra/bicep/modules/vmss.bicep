// Instead of AKS: a VM scale set whose every VM runs a silo, a Gateway and a Dashboard as containers (docker, host
// network), behind a public load balancer: port 80 to the Dashboard, 8000 to the Gateway. Settings and certificates
// reach the VMs through cloud-init; images are pulled with the scale set's managed identity.
@description('Where the scale set goes.')
param location string

@description('The name prefix of the scale set and its network.')
param name string

@description('VM size of the instances.')
param vmSize string

@description('Instances (each one silo).')
@minValue(1)
@maxValue(100)
param instances int

@description('The administrator\'s user name (SSH key only).')
param adminUsername string

@description('The administrator\'s SSH public key.')
param sshPublicKey string

@description('The registry to pull the images from, and the image tag.')
param registryName string

param imageTag string

@description('The public IP of the load balancer.')
param publicIpId string

@description('Settings for every container, one NAME=value a line (connection strings and the API key among them).')
@secure()
param environmentFile string

@description('The certificates of `certs create`, as a base64 tar.gz of its folder (ca.pem, silo-1.pem/.key, gateway.pem/.key, dashboard.pem/.key).')
@secure()
param certificatesArchive string

param tags object

var acrPullRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
var lbName = '${name}-lb'
var acrHost = registry.properties.loginServer
var script = loadTextContent('vmss-init.sh')
var initScript = replace(replace(replace(replace(replace(script, '@ACR@', acrHost), '@TAG@', imageTag), '@ARM@', environment().resourceManager), '@ENV@', base64(environmentFile)), '@CERTS@', certificatesArchive)

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource nsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: '${name}-nsg'
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        name: 'dashboard-and-gateway'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: 'Internet'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRanges: [
            '8000'
            '8001'
          ]
        }
      }
    ]
  }
}

resource network 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: '${name}-vnet'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.40.0.0/16'
      ]
    }
    subnets: [
      {
        name: 'silos'
        properties: {
          addressPrefix: '10.40.0.0/20'
          networkSecurityGroup: {
            id: nsg.id
          }
        }
      }
    ]
  }
}

resource balancer 'Microsoft.Network/loadBalancers@2024-05-01' = {
  name: lbName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    frontendIPConfigurations: [
      {
        name: 'public'
        properties: {
          publicIPAddress: {
            id: publicIpId
          }
        }
      }
    ]
    backendAddressPools: [
      {
        name: 'instances'
      }
    ]
    probes: [
      {
        name: 'dashboard'
        properties: {
          protocol: 'Http'
          port: 8001
          requestPath: '/healthz'
          intervalInSeconds: 5
        }
      }
      {
        name: 'gateway'
        properties: {
          protocol: 'Http'
          port: 8000
          requestPath: '/healthz'
          intervalInSeconds: 5
        }
      }
    ]
    loadBalancingRules: [
      {
        name: 'dashboard'
        properties: {
          frontendIPConfiguration: {
            id: resourceId('Microsoft.Network/loadBalancers/frontendIPConfigurations', lbName, 'public')
          }
          backendAddressPool: {
            id: resourceId('Microsoft.Network/loadBalancers/backendAddressPools', lbName, 'instances')
          }
          probe: {
            id: resourceId('Microsoft.Network/loadBalancers/probes', lbName, 'dashboard')
          }
          protocol: 'Tcp'
          frontendPort: 80
          backendPort: 8001
          loadDistribution: 'SourceIP'
          idleTimeoutInMinutes: 30
        }
      }
      {
        name: 'gateway'
        properties: {
          frontendIPConfiguration: {
            id: resourceId('Microsoft.Network/loadBalancers/frontendIPConfigurations', lbName, 'public')
          }
          backendAddressPool: {
            id: resourceId('Microsoft.Network/loadBalancers/backendAddressPools', lbName, 'instances')
          }
          probe: {
            id: resourceId('Microsoft.Network/loadBalancers/probes', lbName, 'gateway')
          }
          protocol: 'Tcp'
          frontendPort: 8000
          backendPort: 8000
        }
      }
    ]
  }
}

resource scaleSet 'Microsoft.Compute/virtualMachineScaleSets@2024-07-01' = {
  name: '${name}-vmss'
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  sku: {
    name: vmSize
    tier: 'Standard'
    capacity: instances
  }
  properties: {
    orchestrationMode: 'Uniform'
    overprovision: false
    upgradePolicy: {
      mode: 'Manual'
    }
    virtualMachineProfile: {
      storageProfile: {
        imageReference: {
          publisher: 'Canonical'
          offer: 'ubuntu-24_04-lts'
          sku: 'server'
          version: 'latest'
        }
        osDisk: {
          createOption: 'FromImage'
          managedDisk: {
            storageAccountType: 'Premium_LRS'
          }
        }
      }
      osProfile: {
        computerNamePrefix: 'silo'
        adminUsername: adminUsername
        customData: base64(initScript)
        linuxConfiguration: {
          disablePasswordAuthentication: true
          ssh: {
            publicKeys: [
              {
                path: '/home/${adminUsername}/.ssh/authorized_keys'
                keyData: sshPublicKey
              }
            ]
          }
        }
      }
      networkProfile: {
        networkInterfaceConfigurations: [
          {
            name: 'nic'
            properties: {
              primary: true
              ipConfigurations: [
                {
                  name: 'ip'
                  properties: {
                    subnet: {
                      id: network.properties.subnets[0].id
                    }
                    loadBalancerBackendAddressPools: [
                      {
                        id: balancer.properties.backendAddressPools[0].id
                      }
                    ]
                  }
                }
              ]
            }
          }
        ]
      }
    }
  }
}

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, scaleSet.id, acrPullRole)
  scope: registry
  properties: {
    roleDefinitionId: acrPullRole
    principalId: scaleSet.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = scaleSet.name
