// The AKS cluster: a system node pool, a 'silos' node pool that scales with the silo pods (the HPA adds pods, the
// cluster autoscaler adds nodes for them), the application routing add-on (managed NGINX) for the Ingress, container
// insights into Log Analytics, and pull access to the registry through the kubelet's identity.
@description('Where the cluster goes.')
param location string

@description('The cluster name.')
param name string

@description('The resource group AKS makes for the nodes; the ingress IP goes there too.')
param nodeResourceGroup string

@description('The Kubernetes version; empty for the region\'s default.')
param kubernetesVersion string

@description('VM size of the system pool.')
param systemVmSize string

@description('VM size of the silo pool.')
param siloVmSize string

@description('Silo pool nodes at least and at most (cluster autoscaler).')
@minValue(1)
param siloNodesMin int

@minValue(1)
param siloNodesMax int

@description('The Log Analytics workspace for container insights.')
param logAnalyticsWorkspaceId string

@description('The registry the kubelet pulls images from.')
param registryName string

param tags object

var acrPullRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource cluster 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: name
    kubernetesVersion: empty(kubernetesVersion) ? null : kubernetesVersion
    nodeResourceGroup: nodeResourceGroup
    enableRBAC: true
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        vmSize: systemVmSize
        count: 2
        enableAutoScaling: true
        minCount: 2
        maxCount: 3
        osType: 'Linux'
        osSKU: 'AzureLinux'
        type: 'VirtualMachineScaleSets'
      }
      {
        name: 'silos'
        mode: 'User'
        vmSize: siloVmSize
        count: siloNodesMin
        enableAutoScaling: true
        minCount: siloNodesMin
        maxCount: siloNodesMax
        osType: 'Linux'
        osSKU: 'AzureLinux'
        type: 'VirtualMachineScaleSets'
        nodeLabels: {
          'orleansgossip.io/role': 'silo'
        }
      }
    ]
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      loadBalancerSku: 'standard'
    }
    ingressProfile: {
      webAppRouting: {
        enabled: true
      }
    }
    addonProfiles: {
      omsagent: {
        enabled: true
        config: {
          logAnalyticsWorkspaceResourceID: logAnalyticsWorkspaceId
        }
      }
    }
  }
}

resource kubeletPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, cluster.id, acrPullRole)
  scope: registry
  properties: {
    roleDefinitionId: acrPullRole
    principalId: cluster.properties.identityProfile.kubeletidentity.objectId
    principalType: 'ServicePrincipal'
  }
}

output name string = cluster.name
output nodeResourceGroup string = cluster.properties.nodeResourceGroup
