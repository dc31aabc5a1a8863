// Development: a small AKS cluster, a Basic cache, locally redundant storage.
using './main.bicep'

param environmentName = 'dev'
param hosting = 'aks'
param systemVmSize = 'Standard_D2s_v5'
param siloVmSize = 'Standard_D4s_v5'
param siloNodesMin = 1
param siloNodesMax = 3
param redisSku = 'Basic'
param redisCapacity = 0
param storageSku = 'Standard_LRS'
param registrySku = 'Basic'
param logRetentionDays = 30
