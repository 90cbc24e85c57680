using System.Text;
using MlNetSegment.IO;

namespace MlNetSegment.Cli;

/// <summary>The inputs of a batch verb: its INPUTS, then the lines of <c>--inputs-from</c>, with one wording for all verbs.</summary>
internal static class InputArguments
{
    /// <summary>Help of <c>--inputs-from</c>.</summary>
    public const string InputsFromHelp = "Also read inputs from FILE, one path per line ('-' = standard input), after those on the command line. Lines are taken literally: no globbing; blank lines are ignored.";

    /// <summary>
    /// Gathers the inputs, reports patterns that matched nothing (an error: the verb exits 1 once the rest is done, so
    /// it is printed even with <c>--quiet</c>), and warns about listed files left out of the output folder.
    /// </summary>
    public static InputSelection Gather(IEnumerable<string> inputs, string? inputsFrom, bool recursive, string? outputFolder = null, Shard? shard = null)
    {
        using TextReader? list = inputsFrom is null ? null
            : inputsFrom == "-" ? new StreamReader(Console.OpenStandardInput(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16)
            : InputList.OpenFile(inputsFrom);
        InputSelection selection = InputSelection.Gather(inputs, list, inputsFrom, recursive, outputFolder, shard);
        foreach (string pattern in selection.Unmatched)
        {
            Console.Error.WriteLine("error: " + Messages.OneLine($"{pattern}: no image files found"));
        }

        if (selection.LeftOutInOutputFolder > 0)
        {
            CliOutput.Warning($"{inputsFrom}: {selection.LeftOutInOutputFolder} listed file(s) inside the output folder {outputFolder} left out (outputs are never inputs)");
        }

        return selection;
    }
}
