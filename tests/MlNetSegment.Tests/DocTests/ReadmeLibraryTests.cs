using System.Diagnostics;
using System.Text.RegularExpressions;
using MlNetSegment.Tests.Cli;
using MlNetSegment.Tests.TestSupport;

namespace MlNetSegment.Tests.DocTests;

/// <summary>
/// The README's library programs, compiled and run exactly as printed, as a new user would: a fresh project that
/// references this library and its packages (at the versions of Directory.Packages.props), in a folder holding a copy
/// of data/. Then a separate process loads the pipeline the second program saved, as "later, in any program" says.
/// </summary>
public partial class ReadmeLibraryTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public void The_README_library_programs_compile_and_run_and_a_fresh_process_loads_the_saved_pipeline()
    {
        string[] programs = LibraryPrograms();
        Assert.Equal(2, programs.Length);
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("data"));
        foreach (string image in Directory.GetFiles(Path.Combine(TestImages.RepoRoot, "data")).Where(f => f.EndsWith(".png", StringComparison.Ordinal) || f.EndsWith(".jpg", StringComparison.Ordinal)))
        {
            File.Copy(image, dir.File(Path.Combine("data", Path.GetFileName(image))));
        }

        Run(dir.Path, "paths", programs[0]);
        foreach (string output in new[] { "models/catalogue.zip", "out/astronaut.segmented.png", "out/rocket.segmented.png", "out/chelsea.brand.png" })
        {
            Assert.True(File.Exists(dir.File(output)), $"{output} was not written");
        }

        var brand = new[] { 0xe63946, 0xf1faee, 0xa8dadc, 0x457b9d, 0x1d3557 }.ToHashSet();
        Assert.Subset(brand, PaletteCommandTests.ColoursOf(dir.File("out/chelsea.brand.png")));
        Assert.InRange(PaletteCommandTests.ColoursOf(dir.File("out/rocket.segmented.png")).Count, 2, 6);

        Run(dir.Path, "pipeline", programs[1]);
        Assert.True(File.Exists(dir.File("palette-pipeline.zip")));

        // A process that never built the pipeline: only the registration and the saved file.
        string output2 = Run(dir.Path, "reload", """
            using Microsoft.ML;
            using Microsoft.ML.Data;
            using MlNetSegment;

            var ml = new MLContext();
            ml.ComponentCatalog.RegisterAssembly(typeof(PaletteTrainingOptions).Assembly);
            ITransformer loaded = ml.Model.Load("palette-pipeline.zip", out _);
            IDataView images = ml.Data.LoadFromEnumerable(new[] { new ImageFile { Path = "coffee.png" }, new ImageFile { Path = "chelsea.png" } });
            IDataView output = ml.Transforms.LoadImages("Image", "data", "Path").Fit(images).Transform(images);
            var column = loaded.Transform(output).Schema["Segmented"];
            using var cursor = loaded.Transform(output).GetRowCursor([column]);
            var getter = cursor.GetGetter<MLImage>(column);
            var colours = new HashSet<int>();
            MLImage image = null!;
            while (cursor.MoveNext())
            {
                getter(ref image);
                var pixels = image.Pixels;
                for (var i = 0; i < pixels.Length; i += 4)
                {
                    colours.Add(pixels[i] | (pixels[i + 1] << 8) | (pixels[i + 2] << 16));
                }
            }

            Console.WriteLine($"colours={colours.Count}");

            sealed class ImageFile
            {
                public string Path { get; set; } = "";
            }
            """);
        Match count = ColoursLine().Match(output2);
        Assert.True(count.Success, output2);
        Assert.InRange(int.Parse(count.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 2, 6);
    }

    /// <summary>The ```csharp blocks of the README's "## Library" section.</summary>
    private static string[] LibraryPrograms()
    {
        string readme = File.ReadAllText(Path.Combine(TestImages.RepoRoot, "README.md"));
        int start = readme.IndexOf("\n## Library\n", StringComparison.Ordinal);
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = readme[start..end];
        return [.. CSharpBlock().Matches(section).Select(m => m.Groups[1].Value)];
    }

    // Builds the program as its own project and runs it in workingDirectory; returns its standard output.
    private static string Run(string workingDirectory, string name, string program)
    {
        string project = Path.Combine(workingDirectory, "projects", name);
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "Program.cs"), program);
        File.WriteAllText(Path.Combine(project, name + ".csproj"), ProjectFile());
        string bin = Path.Combine(project, "bin-out");
        var build = Dotnet(project, "build", "-c", "Release", "-o", bin, "--nologo");
        Assert.True(build.ExitCode == 0, $"the README program '{name}' does not compile:\n{build.StdOut}\n{build.StdErr}");
        var run = Dotnet(workingDirectory, Path.Combine(bin, name + ".dll"));
        Assert.True(run.ExitCode == 0, $"the README program '{name}' failed:\n{run.StdOut}\n{run.StdErr}");
        return run.StdOut;
    }

    private static string ProjectFile()
    {
        string props = File.ReadAllText(Path.Combine(TestImages.RepoRoot, "Directory.Packages.props"));
        string Version(string package) => Regex.Match(props, $"Include=\"{Regex.Escape(package)}\" Version=\"([^\"]+)\"").Groups[1].Value;
        string[] packages = ["Microsoft.ML", "Microsoft.ML.ImageAnalytics", "SkiaSharp", "SkiaSharp.NativeAssets.Linux.NoDependencies", "SixLabors.ImageSharp", "Microsoft.Extensions.FileSystemGlobbing"];
        string references = string.Concat(packages.Select(p => $"    <PackageReference Include=\"{p}\" Version=\"{Version(p)}\" />\n"));
        string library = Path.Combine(AppContext.BaseDirectory, "MlNetSegment.Core.dll");
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="MlNetSegment.Core"><HintPath>{library}</HintPath></Reference>
            {references}  </ItemGroup>
            </Project>
            """;
    }

    private static CliRunner.Result Dotnet(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(BuildTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish within {BuildTimeout}.");
        }

        process.WaitForExit();
        return new CliRunner.Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"colours=(\d+)")]
    private static partial Regex ColoursLine();
}
