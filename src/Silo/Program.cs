using System.CommandLine;
using OrleansGossip.Silo.Commands;

var root = new RootCommand("OrleansGossip: an emulator of the Internet Computer's peer-to-peer layer on Orleans.")
{
    RunCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
