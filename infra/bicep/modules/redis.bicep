// Azure Cache for Redis: the Orleans membership table (Clustering:Provider redis). TLS only.
@description('Where the cache goes.')
param location string

@description('The cache name, globally unique.')
param name string

@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param skuName string

@description('C0-C6 for Basic and Standard, P1-P5 for Premium.')
@minValue(0)
@maxValue(6)
param capacity int

param tags object

resource redis 'Microsoft.Cache/redis@2024-03-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: skuName
      family: skuName == 'Premium' ? 'P' : 'C'
      capacity: capacity
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    redisConfiguration: {
      'maxmemory-policy': 'noeviction'
    }
  }
}

output id string = redis.id
output name string = redis.name
output hostName string = redis.properties.hostName
output sslPort int = redis.properties.sslPort
