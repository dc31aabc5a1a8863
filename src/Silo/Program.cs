using System.CommandLine;
using OrleansGossip.Silo.Commands;

return await EmulatorCommandLine.Create().Parse(args).InvokeAsync();
