// Production: a silo pool that grows to 20 nodes, a replicated cache, zone-redundant storage, longer logs.
using './main.bicep'

param environmentName = 'prod'
param hosting = 'aks'
param systemVmSize = 'Standard_D4s_v5'
param siloVmSize = 'Standard_D8s_v5'
param siloNodesMin = 3
param siloNodesMax = 20
param redisSku = 'Standard'
param redisCapacity = 2
param storageSku = 'Standard_ZRS'
param registrySku = 'Premium'
param logRetentionDays = 90
