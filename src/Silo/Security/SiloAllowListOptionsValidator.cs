using Microsoft.Extensions.Options;

namespace OrleansGossip.Silo.Security;

/// <summary>Names the bad <c>Tls:AllowList</c> setting at start-up.</summary>
public sealed class SiloAllowListOptionsValidator : IValidateOptions<SiloAllowListOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloAllowListOptions options)
    {
        var problems = new List<string>();
        if (options.Enabled && string.IsNullOrWhiteSpace(options.Registry))
        {
            problems.Add($"{SiloAllowListOptions.SectionName}:{nameof(SiloAllowListOptions.Registry)} must name the registry that holds the silo allow-list");
        }

        if (options.RefreshInterval < TimeSpan.FromMilliseconds(100) || options.RefreshInterval > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{SiloAllowListOptions.SectionName}:{nameof(SiloAllowListOptions.RefreshInterval)} must be between 00:00:00.1 and 00:10:00, not {options.RefreshInterval}");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
