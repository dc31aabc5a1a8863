using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansGossip.Grains.Live;
using OrleansGossip.Grains.Engine;
using OrleansGossip.Grains.Placement;
using OrleansGossip.Grains.Runs;
using OrleansGossip.Grains.Telemetry;

namespace OrleansGossip.Grains.Hosting;

/// <summary>Wires the emulator into a silo: its engine, its telemetry and the grains' storage.</summary>
public static class EmulatorSiloBuilderExtensions
{
    /// <summary>
    /// Adds the virtual-time engine, telemetry and the live feed to dashboards (<see cref="LiveFeedOptions"/>) to the silo. Each of the
    /// <see cref="EmulatorStorage.Names"/> that the host has registered no grain storage under is kept in memory.
    /// </summary>
    public static ISiloBuilder AddGossipEmulator(this ISiloBuilder silo, Action<EmulatorOptions>? configure = null)
    {
        var options = silo.Services.AddOptions<EmulatorOptions>()
            .BindConfiguration(EmulatorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddKeyedSingleton<TimeProvider>(EmulatorClock.Key, static (services, _) => services.GetRequiredService<TimeProvider>());
        silo.Services.AddSingleton<TelemetryRecorder>();
        silo.Services.AddSingleton<SiloEngine>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(static services => services.GetRequiredService<SiloEngine>());
        silo.AddPlacementDirector<EmulatedNodePlacement, NodePlacementDirector>();
        silo.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
        silo.Services.AddOptions<LiveFeedOptions>()
            .BindConfiguration(LiveFeedOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        silo.Services.AddSingleton<LiveTelemetry>();
        silo.Services.AddHostedService<LiveFeedPump>();
        foreach (var name in EmulatorStorage.Names)
        {
            if (!silo.Services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, name)))
            {
                silo.AddMemoryGrainStorage(name);
            }
        }

        return silo;
    }
}
