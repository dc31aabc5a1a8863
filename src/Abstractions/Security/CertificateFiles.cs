using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansGossip.Abstractions.Security;

/// <summary>Reads certificates from PFX/PKCS#12 and PEM files. Problems come back as <see cref="CryptographicException"/> or IO exceptions.</summary>
public static class CertificateFiles
{
    /// <summary>
    /// A certificate with its private key, and the further certificates the file holds (its chain), from a PFX file,
    /// or from a PEM file with the key in it or in <paramref name="keyPath"/>. Returns a null certificate when the
    /// file holds a certificate but no private key and no key file is given.
    /// </summary>
    public static (X509Certificate2? Certificate, X509Certificate2Collection Chain) LoadWithKey(string path, string? keyPath, string? password)
    {
        if (IsPkcs12(path))
        {
            var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password, X509KeyStorageFlags.Exportable);
            var leaf = all.FirstOrDefault(c => c.HasPrivateKey);
            var chain = new X509Certificate2Collection();
            chain.AddRange(all.Where(c => !ReferenceEquals(c, leaf)).ToArray());
            return (leaf, chain);
        }

        var pem = new X509Certificate2Collection();
        pem.ImportFromPemFile(path);
        if (pem.Count == 0)
        {
            throw new CryptographicException("the file holds no PEM certificate");
        }

        var rest = new X509Certificate2Collection();
        rest.AddRange(pem.Skip(1).ToArray());
        X509Certificate2? withKey;
        if (keyPath is not null)
        {
            withKey = string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        }
        else
        {
            var text = File.ReadAllText(path);
            if (!text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            {
                return (null, rest);
            }

            withKey = string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPem(text)
                : X509Certificate2.CreateFromEncryptedPem(text, text, password);
        }

        return (Usable(withKey), rest);
    }

    /// <summary>Every certificate in a PEM bundle, or the one certificate of a DER file.</summary>
    public static X509Certificate2Collection LoadCertificates(string path)
    {
        var collection = new X509Certificate2Collection();
        var text = File.ReadAllText(path);
        if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            collection.ImportFromPem(text);
        }
        else
        {
            collection.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        }

        return collection;
    }

    private static bool IsPkcs12(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12";

    /// <summary>
    /// A certificate whose key TLS can use on every platform: Windows' TLS stack cannot use the ephemeral key a PEM
    /// import leaves, so there the certificate goes through PKCS#12 once.
    /// </summary>
    public static X509Certificate2 Usable(X509Certificate2 certificate)
    {
        if (!OperatingSystem.IsWindows())
        {
            return certificate;
        }

        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
