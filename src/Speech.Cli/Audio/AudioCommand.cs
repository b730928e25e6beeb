using System.CommandLine;
using System.Globalization;
using Speech.Cli.Hosting;
using Speech.Core.Audio;
using Speech.Core.Errors;

namespace Speech.Cli.Audio;

/// <summary><c>speech audio info|convert</c>: the toolkit's own answer to a quick soxi or sox call.</summary>
public static class AudioCommand
{
    public static Command Build()
    {
        var command = new Command("audio", "Inspect and convert audio files (WAV via NAudio; FLAC, Ogg, MP3 via libsndfile).");
        command.Subcommands.Add(BuildInfo());
        command.Subcommands.Add(BuildConvert());
        return command;
    }

    static Command BuildInfo()
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Audio files." };
        var verify = new Option<bool>("--verify")
        {
            Description = "Decode every file's whole stream and report one cut short as an error (FLAC is always decoded; it is fast).",
        };
        var command = new Command("info", "Print container, codec, rate, channels, frames and duration of each file.") { files, verify };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            int failed = 0;
            output.WriteLine("file\tcontainer\tcodec\trate\tchannels\tframes\tduration_s\tbits");
            foreach (string path in parse.GetValue(files)!)
            {
                try
                {
                    var info = AudioReader.ReadInfo(path);
                    if (parse.GetValue(verify) || info.Container == "flac") info = AudioVerifier.Verify(path);
                    output.WriteLine(string.Join('\t', path, info.Container, info.Codec, info.SampleRate, info.Channels,
                        info.Frames + (info.FramesEstimated ? "~" : ""), info.Duration.ToString("F3", CultureInfo.InvariantCulture),
                        info.BitsPerSample?.ToString() ?? "-"));
                }
                catch (AudioFormatException e)
                {
                    error.WriteLine($"error: {e.Message}");
                    failed++;
                }
            }
            return failed == 0 ? CommandErrors.Success : CommandErrors.BadInput;
        });
        return command;
    }

    static Command BuildConvert()
    {
        var input = new Argument<string>("input") { Description = "Audio file to read." };
        var output = new Argument<string>("output") { Description = "WAV file to write." };
        var rate = new Option<int?>("--rate") { Description = "Output sample rate (default: the input's)." };
        var channels = new Option<int?>("--channels") { Description = "1 mixes down to mono (default: keep all channels)." };
        var bits = new Option<int?>("--bits") { Description = "Integer bits 8, 16, 24 or 32 (default: the input's depth; float stays float32; lossy → 16)." };
        var resampler = new Option<string?>("--resampler") { Description = $"One of {string.Join(", ", Resamplers.Names)} (default: soxr-hq, or wdl-sinc without libsoxr)." };
        var command = new Command("convert", "Decode, optionally mix down and resample, and write WAV.") { input, output, rate, channels, bits, resampler };
        command.SetAction(parse =>
        {
            string source = parse.GetValue(input)!, target = parse.GetValue(output)!;
            if (!target.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
                throw new ConfigException($"{target}: only WAV output is written; name it .wav");
            var info = AudioReader.ReadInfo(source);
            int outputRate = parse.GetValue(rate) ?? info.SampleRate;
            var chosenResampler = parse.GetValue(resampler) is { } name ? Resamplers.ByName(name) : null;
            float[][] samples = parse.GetValue(channels) switch
            {
                null => AudioReader.ReadChannels(source, targetRate: outputRate, resampler: chosenResampler),
                1 => [AudioReader.Read(source, targetRate: outputRate, resampler: chosenResampler)],
                var other => throw new ConfigException($"--channels {other}: only 1 (mix down) is supported"),
            };
            var encoding = parse.GetValue(bits) switch
            {
                null => WavWriter.EncodingFor(info),
                8 => PcmEncoding.UnsignedInt8,
                16 => PcmEncoding.SignedInt16,
                24 => PcmEncoding.SignedInt24,
                32 => PcmEncoding.SignedInt32,
                var other => throw new ConfigException($"--bits {other}: use 8, 16, 24 or 32"),
            };
            WavWriter.Write(target, samples, outputRate, encoding);
            parse.InvocationConfiguration.Output.WriteLine(
                $"{target}: {samples.Length} ch, {outputRate} Hz, {samples[0].Length} frames, {encoding}");
            return CommandErrors.Success;
        });
        return command;
    }
}
