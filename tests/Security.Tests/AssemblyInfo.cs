using Xunit;

// The test classes start silos of their own; one at a time keeps a two-core machine responsive enough for TLS
// handshakes and membership probes while other test assemblies run beside this one.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
