using System.CommandLine;

namespace OrleansGossip.Benchmarks.Plots;

/// <summary>
/// <c>plot</c>: draws the figures of saved benchmark results (<see cref="BenchmarkFigures"/>) as SVG files, one per
/// figure, for a reader who would rather look at a curve than read a table.
/// </summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("results")
        {
            Description = "Files of result lines, the last line of each benchmark run (a whole console log will do).",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Where the SVG files go.", DefaultValueFactory = _ => new DirectoryInfo("bench-plots") };
        var command = new Command("plot", "Draws the figures of saved throughput, scale, fidelity and bandwidth results as SVG files.") { files, output };
        command.SetAction(parse => Execute(parse.GetRequiredValue(files), parse.GetRequiredValue(output), Console.Out, Console.Error));
        return command;
    }

    /// <summary>Reads every file, then writes the figures; 0 when it wrote one at least, 1 on unreadable or unplottable input.</summary>
    public static int Execute(IReadOnlyList<FileInfo> files, DirectoryInfo output, TextWriter log, TextWriter errors)
    {
        var results = new List<ResultLine>();
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                errors.WriteLine($"error: {file.FullName}: no such file");
                return 1;
            }

            try
            {
                results.AddRange(ResultLines.Read(file.FullName));
            }
            catch (ResultFormatException e)
            {
                errors.WriteLine($"error: {e.Message}");
                return 1;
            }
        }

        foreach (var mode in results.Select(r => r.Mode).Distinct().Where(m => !BenchmarkFigures.PlottedModes.Contains(m)))
        {
            log.WriteLine($"{mode}: no figures for this mode; its results are passed over");
        }

        IReadOnlyList<Figure> figures;
        try
        {
            figures = BenchmarkFigures.From(results);
        }
        catch (ResultFormatException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return 1;
        }

        if (figures.Count == 0)
        {
            errors.WriteLine($"error: no {string.Join(", ", BenchmarkFigures.PlottedModes)} results in {string.Join(", ", files.Select(f => f.FullName))}");
            return 1;
        }

        output.Create();
        foreach (var figure in figures)
        {
            var path = Path.Combine(output.FullName, figure.Name + ".svg");
            File.WriteAllText(path, figure.ToSvgFile());
            log.WriteLine($"{path}: {figure.Title}");
        }

        return 0;
    }
}
