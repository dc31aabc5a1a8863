using OrleansGossip.Abstractions.Security;
using OrleansGossip.Gateway.Hosting;
using OrleansGossip.Gateway.Security;

// The gateway on its own: an Orleans client of a cluster (localhost clustering unless configured otherwise), serving the API.
var builder = WebApplication.CreateBuilder(args);
builder.UseOrleansClient(client =>
{
    if (builder.Configuration["Orleans:Clustering:ProviderType"] is null)
    {
        client.UseLocalhostClustering(builder.Configuration.GetValue("Orleans:GatewayPort", 30_000));
    }

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
