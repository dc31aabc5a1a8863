// Log Analytics: the AKS cluster's (or the scale set's) container logs and metrics.
@description('Where the workspace goes.')
param location string

@description('The workspace name.')
param name string

@description('Days the logs are kept.')
@minValue(30)
@maxValue(730)
param retentionInDays int

param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

output id string = workspace.id
output name string = workspace.name
