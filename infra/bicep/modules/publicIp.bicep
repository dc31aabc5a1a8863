// A static public IP with a DNS name: the address the Gateway and the Dashboard are reached at.
@description('Where the address goes.')
param location string

@description('The address\'s resource name.')
param name string

@description('The DNS label: <label>.<region>.cloudapp.azure.com.')
param dnsLabel string

param tags object

resource address 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
    dnsSettings: {
      domainNameLabel: dnsLabel
    }
  }
}

output id string = address.id
output fqdn string = address.properties.dnsSettings.fqdn
