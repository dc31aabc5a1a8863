using Microsoft.Extensions.Options;

namespace OrleansGossip.Hosting.Storage;

/// <summary>Checks the <c>GrainStorage</c> section; each failure names the key at fault.</summary>
public sealed class GrainStorageOptionsValidator : IValidateOptions<GrainStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainStorageOptions options)
    {
        var failures = new List<string>();
        const string section = GrainStorageOptions.SectionName;
        var provider = options.Provider?.ToLowerInvariant();
        if (provider is not ("memory" or "azureblob"))
        {
            failures.Add($"{section}:Provider '{options.Provider}' is not one of memory, azureblob");
        }
        else if (provider == "azureblob")
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                failures.Add($"{section}:ConnectionString is required when {section}:Provider is azureblob");
            }

            if (!BlobNames.IsValidContainer(options.ContainerName))
            {
                failures.Add($"{section}:ContainerName '{options.ContainerName}' is not a blob container name (3 to 63 lower-case letters, digits and single hyphens)");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> with every failure when the options are wrong.</summary>
    public static void ThrowIfInvalid(GrainStorageOptions options)
    {
        var result = new GrainStorageOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(GrainStorageOptions.SectionName, typeof(GrainStorageOptions), result.Failures);
        }
    }
}
