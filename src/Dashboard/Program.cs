using Orleans.Dashboard;
using OrleansGossip.Dashboard.Hosting;

// The dashboard on its own: an Orleans client of a cluster (localhost clustering unless configured otherwise) serving
// the page, the hub and the Orleans runtime dashboard. The silos must have the Orleans dashboard added for /orleans.
var builder = WebApplication.CreateBuilder(args);
builder.UseOrleansClient(client =>
{
    if (builder.Configuration["Orleans:Clustering:ProviderType"] is null)
    {
        client.UseLocalhostClustering(builder.Configuration.GetValue("Orleans:GatewayPort", 30_000));
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
