using System.CommandLine;
using Speech.Core.Runtime;
using static TorchSharp.torch;

namespace Speech.Cli.Hosting;

/// <summary>What every verb that runs models starts with, once: <c>--threads</c> applied to libtorch,
/// <c>--device</c> resolved (a clear one-line error for a device this machine lacks), <c>--seed</c>, and the
/// streams the verb prints to.</summary>
public sealed record VerbContext(Device Device, int Seed, TextWriter Output, TextWriter Error)
{
    public static VerbContext From(ParseResult parse)
    {
        GlobalOptions.ApplyThreads(parse);
        var device = DeviceChoice.Resolve(parse.GetValue(GlobalOptions.Device) ?? "auto");
        return new VerbContext(device, parse.GetValue(GlobalOptions.Seed), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
    }

    /// <summary>A synchronous line sink for a library's notes (skipped items, choices made), printed in order.</summary>
    public IProgress<string> Notes => new LineWriter(Output);

    sealed class LineWriter(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
