using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansGossip.Abstractions.Security;

/// <summary>SHA-256 fingerprints of certificates, as 64 lower-case hex digits: how pins, allow-lists and the registry name a certificate.</summary>
public static class CertificateFingerprint
{
    public const int Length = 64;

    public static string Of(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(SHA256.HashData(certificate.RawDataMemory.Span));

    /// <summary>The fingerprint in canonical form (colons, spaces and dashes dropped, lower case); false when it is not 64 hex digits.</summary>
    public static bool TryNormalize(string? text, out string fingerprint)
    {
        fingerprint = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var digits = new string(text.Where(c => c is not (':' or ' ' or '-' or '\t')).ToArray()).ToLower(CultureInfo.InvariantCulture);
        if (digits.Length != Length || !digits.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        fingerprint = digits;
        return true;
    }

    /// <summary>The fingerprint in canonical form; throws <see cref="ArgumentException"/> naming <paramref name="what"/> when it is not one.</summary>
    public static string Normalize(string? text, string what = "fingerprint") =>
        TryNormalize(text, out var fingerprint)
            ? fingerprint
            : throw new ArgumentException($"{what} '{text}' is not a SHA-256 fingerprint ({Length} hex digits)", nameof(text));
}
