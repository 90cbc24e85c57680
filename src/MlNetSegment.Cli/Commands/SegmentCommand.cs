using System.Diagnostics;
using MlNetSegment.Imaging;
using MlNetSegment.IO;
using MlNetSegment.Segmentation;
using MlNetSegment.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Spectre.Console.Cli;

namespace MlNetSegment.Cli.Commands;

/// <summary><c>segment</c>: fit a palette on one image and write the rebuilt image (and label map).</summary>
internal sealed class SegmentCommand : Command<SegmentSettings>
{
    public override int Execute(CommandContext context, SegmentSettings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string output = settings.OutputPath;
        OutputPaths.CheckAll(settings.Input, settings.Force, output, settings.Labels);

        // ML.NET's first fit pays a few hundred ms of JIT; pay it on another core while this one decodes.
        var warmUp = Task.Run(KMeansFitter.WarmUp, cancellationToken);
        using LoadedImage loaded = ImageLoader.LoadWithNotices(settings.Input, new ImageLimits { MaxPixels = settings.MaxPixels }, cancellationToken);
        Image<Rgba32> image = loaded.Image;
        TimeSpan decoded = clock.Elapsed;

        SegmentationResult result = ImageSegmenter.Segment(image, settings.ToTrainingOptions(), settings.Input, cancellationToken);
        TimeSpan segmented = clock.Elapsed;
        // Notes only once the work has succeeded: a failure prints exactly one line.
        foreach (string notice in loaded.Notices.Concat(result.Notices))
        {
            Console.Error.WriteLine("note: " + notice);
        }

        SegmentationWriter.WriteSegmented(result.Labels, result.Model.Palette, output, settings.Force);
        if (settings.Labels is not null)
        {
            SegmentationWriter.WriteLabels(result.Labels, settings.Labels, settings.Force);
        }

        Console.WriteLine($"{settings.Input}: {image.Width}x{image.Height}, {result.Model.ClusterCount} clusters -> {output}");
        if (settings.Verbose)
        {
            Console.Error.WriteLine(
                $"timing: decode {decoded.TotalMilliseconds:F0} ms, fit+label {(segmented - decoded).TotalMilliseconds:F0} ms, " +
                $"write {(clock.Elapsed - segmented).TotalMilliseconds:F0} ms, total {clock.Elapsed.TotalMilliseconds:F0} ms");
        }

        warmUp.Wait(cancellationToken);
        return ExitCodes.Success;
    }
}
