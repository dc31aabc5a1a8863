using OrleansGossip.Abstractions.Reports;

namespace OrleansGossip.Benchmarks;

/// <summary>Figures the benchmarks take from a run's report.</summary>
public static class ReportFigures
{
    /// <summary>The delivery ratio over <paramref name="kinds"/>, each weighted by its artifacts; 0 when there are none.</summary>
    public static double DeliveryRatio(IReadOnlyCollection<KindReport> kinds)
    {
        var artifacts = kinds.Sum(k => k.Artifacts);
        return artifacts == 0 ? 0 : kinds.Sum(k => k.DeliveryRatio * k.Artifacts) / artifacts;
    }
}
