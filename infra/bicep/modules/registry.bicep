// The container registry the silo, Gateway and Dashboard images are pushed to; pulled with managed identities only.
@description('Where the registry goes.')
param location string

@description('The registry name: 5-50 letters and digits, globally unique.')
@minLength(5)
@maxLength(50)
param name string

@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param sku string

param tags object

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
  }
  properties: {
    adminUserEnabled: false
  }
}

output id string = registry.id
output name string = registry.name
output loginServer string = registry.properties.loginServer
