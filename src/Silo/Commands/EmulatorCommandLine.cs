using System.CommandLine;

namespace OrleansGossip.Silo.Commands;

/// <summary>The command line of the OrleansGossip host: its root command and every subcommand.</summary>
public static class EmulatorCommandLine
{
    public static RootCommand Create() => new("OrleansGossip: an emulator of the Internet Computer's peer-to-peer layer on Orleans.")
    {
        RunCommand.Create(),
        CompareCommand.Create(),
        ServeCommand.Create(),
        SiloCommand.Create(),
        CertsCommand.Create(),
        DbCommand.Create(),
    };
}
