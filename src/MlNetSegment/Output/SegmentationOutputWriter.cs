using System.Text.Json;
using MlNetSegment.Charts;
using MlNetSegment.IO;
using MlNetSegment.Rendering;
using MlNetSegment.Reporting;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace MlNetSegment.Output;

/// <summary>Writes every output an <see cref="OutputPlan"/> asks for, each atomically.</summary>
internal static class SegmentationOutputWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the outputs of one segmentation.</summary>
    /// <param name="inputName">The input as the user named it (for the report).</param>
    /// <param name="original">The decoded input.</param>
    /// <param name="labels">Its labels.</param>
    /// <param name="model">The palette.</param>
    /// <param name="plan">What to write.</param>
    /// <param name="overwrite">Replace existing files.</param>
    /// <param name="cancellationToken">Checked before each file: a cancelled run stops between files, each written whole or not at all.</param>
    public static void WriteAll(
        string inputName, Image<Rgba32> original, LabelMap labels, PaletteModel model, OutputPlan plan, bool overwrite, CancellationToken cancellationToken = default) =>
        WriteAll(inputName, original, labels, PaletteSummary.Of(model), plan, overwrite, regions: null, writeSegmented: true, skipExistingMasks: false, segmentedLast: false, Shown(original, labels, model, plan, cancellationToken), cancellationToken);

    /// <summary>
    /// Writes only the files of <paramref name="plan"/> that do not exist yet: how an interrupted batch resumes without
    /// touching what an earlier run finished.
    /// </summary>
    public static void WriteMissing(
        string inputName, Image<Rgba32> original, LabelMap labels, PaletteModel model, OutputPlan plan, CancellationToken cancellationToken = default) =>
        WriteMissing(inputName, original, labels, model, plan, segmentedLast: false, cancellationToken);

    /// <summary>
    /// Writes the files of <paramref name="plan"/> (only those missing unless <paramref name="overwrite"/>) with the
    /// segmented image last, each atomically: once the segmented image exists, every other file of the plan does, so a
    /// resumed batch can tell a finished image from its segmented image alone, whatever K it was given.
    /// </summary>
    public static void WriteSegmentedLast(
        string inputName, Image<Rgba32> original, LabelMap labels, PaletteModel model, OutputPlan plan, bool overwrite, CancellationToken cancellationToken = default)
    {
        if (overwrite)
        {
            WriteAll(inputName, original, labels, PaletteSummary.Of(model), plan, overwrite: true, regions: null, writeSegmented: true, skipExistingMasks: false, segmentedLast: true, Shown(original, labels, model, plan, cancellationToken), cancellationToken);
        }
        else
        {
            WriteMissing(inputName, original, labels, model, plan, segmentedLast: true, cancellationToken);
        }
    }

    private static void WriteMissing(
        string inputName, Image<Rgba32> original, LabelMap labels, PaletteModel model, OutputPlan plan, bool segmentedLast, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(labels);
        static string? Missing(string? path) => path is not null && !File.Exists(path) ? path : null;
        string? masks = plan.MasksFolder is not null
            && !plan.MaskPaths(labels.ClusterCount).All(File.Exists)
            ? plan.MasksFolder
            : null;
        var missing = plan with
        {
            LabelsPath = Missing(plan.LabelsPath),
            MasksFolder = masks,
            BoundariesPath = Missing(plan.BoundariesPath),
            ReportPath = Missing(plan.ReportPath),
            PalettePath = Missing(plan.PalettePath),
            SheetPath = Missing(plan.SheetPath),
        };
        bool segmentedMissing = !File.Exists(plan.SegmentedPath);
        LabelMap shown = segmentedMissing ? Shown(original, labels, model, plan, cancellationToken) : labels;
        WriteAll(inputName, original, labels, PaletteSummary.Of(model), missing, overwrite: false, regions: null, writeSegmented: segmentedMissing, skipExistingMasks: true, segmentedLast, shown, cancellationToken);
    }

    // What the segmented image shows: the labels, or their dithered version when the plan asks for it.
    private static LabelMap Shown(Image<Rgba32> original, LabelMap labels, PaletteModel model, OutputPlan plan, CancellationToken cancellationToken) =>
        plan.Dither ? model.Dither(original, cancellationToken) : labels;

    /// <inheritdoc cref="WriteAll(string, Image{Rgba32}, LabelMap, PaletteModel, OutputPlan, bool, CancellationToken)"/>
    public static void WriteAll(
        string inputName,
        Image<Rgba32> original,
        LabelMap labels,
        PaletteSummary model,
        OutputPlan plan,
        bool overwrite,
        int? regions = null,
        CancellationToken cancellationToken = default) =>
        WriteAll(inputName, original, labels, model, plan, overwrite, regions, writeSegmented: true, skipExistingMasks: false, segmentedLast: false, labels, cancellationToken);

    private static void WriteAll(
        string inputName,
        Image<Rgba32> original,
        LabelMap labels,
        PaletteSummary model,
        OutputPlan plan,
        bool overwrite,
        int? regions,
        bool writeSegmented,
        bool skipExistingMasks,
        bool segmentedLast,
        LabelMap shown,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(plan);

        // The two images every run writes are independent: encode them on both cores.
        Task labelsWritten = plan.LabelsPath is null
            ? Task.CompletedTask
            : Task.Run(() => SegmentationWriter.WriteLabels(labels, plan.LabelsPath, overwrite), CancellationToken.None);
        try
        {
            if (writeSegmented && !segmentedLast)
            {
                SegmentationWriter.WriteSegmented(shown, model.Palette, plan.SegmentedPath, overwrite);
            }
        }
        finally
        {
            labelsWritten.GetAwaiter().GetResult();
        }

        WriteOthers(inputName, original, labels, model, plan, overwrite, regions, skipExistingMasks, cancellationToken);
        if (writeSegmented && segmentedLast)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SegmentationWriter.WriteSegmented(shown, model.Palette, plan.SegmentedPath, overwrite);
        }
    }

    // Masks, report, palette, boundaries and sheet, in that order.
    private static void WriteOthers(
        string inputName,
        Image<Rgba32> original,
        LabelMap labels,
        PaletteSummary model,
        OutputPlan plan,
        bool overwrite,
        int? regions,
        bool skipExistingMasks,
        CancellationToken cancellationToken)
    {
        // The boundaries (and the sheet's panel of them) are the one full-size RGBA image rendered, 400 MB at 100
        // megapixels: allocated before any file is written. Masks are encoded row by row, without one.
        bool fullSize = plan.BoundariesPath is not null || plan.SheetPath is not null;
        using Image<Rgba32>? scratch = fullSize ? Imaging.ArrayImages.Create(original.Width, original.Height) : null;
        cancellationToken.ThrowIfCancellationRequested();
        if (plan.MasksFolder is not null)
        {
            Directory.CreateDirectory(plan.MasksFolder);
            for (var c = 0; c < labels.ClusterCount; c++)
            {
                if (skipExistingMasks && File.Exists(OutputPlan.MaskPath(plan.MasksFolder, c)))
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                int cluster = c;
                AtomicFile.Write(OutputPlan.MaskPath(plan.MasksFolder, c), s => MaskPngWriter.Write(s, original, labels, cluster), overwrite);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        SegmentationReport? report = plan.ReportPath is null && plan.PalettePath is null && plan.SheetPath is null
            ? null
            : ReportBuilder.Build(inputName, original, labels, model) with { Regions = regions };
        if (plan.ReportPath is not null)
        {
            AtomicFile.Write(plan.ReportPath, s => JsonSerializer.Serialize(s, report, Indented), overwrite);
        }

        double[] shares = report is null ? [] : [.. report.Palette.Select(p => p.Share)];
        if (plan.PalettePath is not null)
        {
            using SKBitmap strip = PaletteStripRenderer.RenderWithLegend(model.Palette, shares, Math.Max(model.ClusterCount, PaletteStripRenderer.Defaults.Width));
            WritePng(strip, plan.PalettePath, overwrite);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (plan.BoundariesPath is null && plan.SheetPath is null)
        {
            return;
        }

        Image<Rgba32> boundaries = scratch!;
        BoundaryRenderer.RenderInto(original, labels, boundaries, plan.Boundaries);
        if (plan.BoundariesPath is not null)
        {
            ImageWriter.Save(boundaries, plan.BoundariesPath, overwrite);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (plan.SheetPath is not null)
        {
            // The sheet shows panels a few hundred pixels high: shrink straight from the labels, never full size.
            var (panelWidth, panelHeight) = ContactSheetRenderer.PanelSize(original.Width, original.Height);
            using Image<Rgba32> segmented = SegmentedImageRenderer.RenderShrunk(
                labels, model.Palette, Math.Min(original.Width, 2 * panelWidth), Math.Min(original.Height, 2 * panelHeight));
            string caption = $"segmented: K = {model.ClusterCount}, {Color.ColorSpaceNames.ToName(model.ColorSpace)}"
                + (regions is null ? string.Empty : $", {regions} regions");
            using SKBitmap sheet = ContactSheetRenderer.Render(original, segmented, boundaries, model.Palette, shares, caption);
            WritePng(sheet, plan.SheetPath, overwrite);
        }
    }

    /// <summary>Encodes a Skia bitmap as PNG, atomically.</summary>
    public static void WritePng(SKBitmap bitmap, string path, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        using SKImage image = SKImage.FromBitmap(bitmap);
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, s => data.SaveTo(s), overwrite);
    }
}
