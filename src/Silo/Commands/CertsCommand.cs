using System.CommandLine;
using OrleansGossip.Abstractions.Security;
using OrleansGossip.Silo.Security;

namespace OrleansGossip.Silo.Commands;

/// <summary>
/// <c>certs create --out &lt;dir&gt;</c>: a development CA and the silo and client certificates it issues, as PEM files,
/// with the fingerprints for pinned trust, ready for <c>silo --certs &lt;dir&gt;</c>.
/// </summary>
public static class CertsCommand
{
    public const string CaName = "ca";

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for the PEM files (created if missing).", DefaultValueFactory = _ => new DirectoryInfo("certs") };
        var silos = new Option<int>("--silos") { Description = "Silo certificates to make: silo-1 ... silo-N.", DefaultValueFactory = _ => 3 };
        var clients = new Option<string>("--clients") { Description = "Client certificates to make, comma-separated names.", DefaultValueFactory = _ => "gateway,dashboard" };
        var days = new Option<int>("--days") { Description = "Days the certificates are valid.", DefaultValueFactory = _ => 365 };
        var algorithm = new Option<string>("--algorithm") { Description = "Key algorithm: ecdsa-p256 (ed25519: not supported by .NET certificates).", DefaultValueFactory = _ => "ecdsa-p256" };
        algorithm.AcceptOnlyFromAmong("ecdsa-p256", "ed25519");
        var force = new Option<bool>("--force") { Description = "Overwrite certificates already in the folder." };

        var create = new Command("create", "Make a development CA, silo and client certificates for a TLS cluster.") { output, silos, clients, days, algorithm, force };
        create.SetAction(parse => Execute(
            parse.GetRequiredValue(output),
            parse.GetValue(silos),
            parse.GetValue(clients)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            parse.GetValue(days),
            parse.GetValue(algorithm)!,
            parse.GetValue(force),
            Console.Out,
            Console.Error));
        return new Command("certs", "Certificates for mutual TLS between silos and clients.") { create };
    }

    public static int Execute(DirectoryInfo output, int silos, IReadOnlyList<string> clients, int days, string algorithm, bool force, TextWriter stdout, TextWriter stderr)
    {
        if (algorithm == "ed25519")
        {
            stderr.WriteLine("error: --algorithm ed25519: .NET has no Ed25519 X.509 certificates on any platform; use ecdsa-p256 (the default)");
            return 2;
        }

        if (silos is < 1 or > 100)
        {
            stderr.WriteLine($"error: --silos must be between 1 and 100, not {silos}");
            return 2;
        }

        if (days is < 1 or > 3650)
        {
            stderr.WriteLine($"error: --days must be between 1 and 3650, not {days}");
            return 2;
        }

        var siloNames = Enumerable.Range(1, silos).Select(i => $"silo-{i}").ToList();
        var names = siloNames.Concat(clients).Prepend(CaName).ToList();
        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count || clients.Any(c => c.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0))
        {
            stderr.WriteLine($"error: --clients: names must be distinct file names, other than '{CaName}' and silo-N");
            return 2;
        }

        var existing = names.Select(n => Path.Combine(output.FullName, $"{n}.pem")).Where(File.Exists).ToList();
        if (existing.Count > 0 && !force)
        {
            stderr.WriteLine($"error: {existing[0]} exists already; pass --force to overwrite the certificates in {output.FullName}");
            return 2;
        }

        var validity = TimeSpan.FromDays(days);
        using var ca = DevelopmentCertificates.CreateCa("OrleansGossip development CA", validity * 2);
        DevelopmentCertificates.WritePem(ca, output.FullName, CaName);
        var fingerprints = new List<string>();
        foreach (var (name, role) in siloNames.Select(n => (n, PeerRole.Silo)).Concat(clients.Select(c => (c, PeerRole.Client))))
        {
            using var certificate = DevelopmentCertificates.Issue(ca, name, role, validity);
            DevelopmentCertificates.WritePem(certificate, output.FullName, name);
            fingerprints.Add($"{name} {CertificateFingerprint.Of(certificate)}");
        }

        File.WriteAllLines(Path.Combine(output.FullName, "fingerprints.txt"), fingerprints);
        var dir = Path.GetRelativePath(Environment.CurrentDirectory, output.FullName);
        stdout.WriteLine($"Wrote a development CA ({CaName}.pem, {CaName}.key), {silos} silo and {clients.Count} client certificates (ECDSA P-256, {days} days) and fingerprints.txt to {output.FullName}");
        stdout.WriteLine("Keep the .key files private. Start a cluster with mutual TLS, one silo per terminal:");
        stdout.WriteLine($"  dotnet run --project src/Silo -- silo --certs {dir} --name silo-1");
        stdout.WriteLine($"  dotnet run --project src/Silo -- silo --certs {dir} --name silo-2 --port 11112 --gateway-port 30001");
        return 0;
    }
}
