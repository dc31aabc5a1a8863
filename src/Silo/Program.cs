using System.CommandLine;
using OrleansGossip.Silo.Commands;

// Ctrl+C (or SIGTERM) cancels the command's token; a command then has this long to stop its run and write what it
// has before the process ends regardless.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) };
return await EmulatorCommandLine.Create().Parse(args).InvokeAsync(invocation);
