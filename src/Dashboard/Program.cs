using OrleansGossip.Abstractions.Security;
using Orleans.Dashboard;
using OrleansGossip.Dashboard.Hosting;
using OrleansGossip.Hosting.Clustering;

// The dashboard on its own: an Orleans client of a cluster (found through the Clustering section) serving
// the page, the hub and the Orleans runtime dashboard. The silos must have the Orleans dashboard added for /orleans.
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

    client.AddDashboard();
});
builder.Services.AddOrleansGossipDashboard();
builder.Services.AddHealthChecks();

var app = builder.Build();
app.UseAuthorization();
app.MapOrleansGossipDashboard();
// Liveness for an orchestrator's probes.
app.MapHealthChecks("/healthz");
app.Run();
