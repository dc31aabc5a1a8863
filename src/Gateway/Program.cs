using OrleansGossip.Abstractions.Security;
using OrleansGossip.Gateway.Hosting;
using OrleansGossip.Hosting.Clustering;
using OrleansGossip.Gateway.Security;

// The gateway on its own: an Orleans client of a cluster (found through the Clustering section), serving the API.
var builder = WebApplication.CreateBuilder(args);
builder.UseOrleansClient(client =>
{
    // Section Clustering: localhost (gateway 127.0.0.1:30000 unless Clustering:Gateways says otherwise), development,
    // redis or postgres; a bad or missing key stops the start with a message naming it.
    client.UseGossipClustering(builder.Configuration);

    // A cluster of TLS silos (the 'silo' command's default) admits clients over mutual TLS only: settings in section Tls.
    if (builder.Configuration.GetSection(TlsOptions.SectionName).Exists())
    {
        client.UseGossipTls();
    }
});
builder.Services.AddOrleansGossipGateway();
builder.Services.AddOrleansGossipGatewayAccess();
builder.Services.AddHealthChecks();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseOrleansGossipGatewayAccess();
app.UseAuthorization();
app.MapOrleansGossipGateway();
// Liveness for an orchestrator's probes; outside /api, so it needs no key.
app.MapHealthChecks("/healthz");
app.Run();
