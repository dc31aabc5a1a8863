using Microsoft.Extensions.Options;

namespace OrleansGossip.Abstractions.Security;

/// <summary>Checks at start-up that the TLS settings load: files exist and parse, the key is there, the certificate is current, trust is set.</summary>
public sealed class TlsOptionsValidator(TimeProvider time) : IValidateOptions<TlsOptions>
{
    public ValidateOptionsResult Validate(string? name, TlsOptions options)
    {
        using var credentials = TlsCredentials.TryLoad(options, time, out var problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
