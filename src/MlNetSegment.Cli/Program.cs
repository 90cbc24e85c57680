using MlNetSegment.Cli;
using MlNetSegment.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("mlnetsegment");
    config.SetApplicationVersion(MlNetSegment.Segmentation.ImageSegmenter.ToolVersion);
    config.PropagateExceptions();
    config.UseStrictParsing();
    config.AddCommand<SegmentCommand>("segment")
        .WithDescription("Segment one image: fit K colours on its pixels and rebuild it from them.")
        .WithExample("segment", "data/coffee.png", "-k", "10", "-o", "coffee.segmented.png");
});

return ExitCodes.Run(() => app.Run(args), args);
