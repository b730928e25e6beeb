using System.CommandLine;
using Speech.Asr.Whisper.Ggml;
using Speech.Asr.Whisper.Loading;
using Speech.Asr.Whisper;
using Speech.Cli.Hosting;

namespace Speech.Cli.Whisper;

/// <summary><c>speech whisper export</c>: a model to a whisper.cpp/Whisper.net ggml file or a
/// Hugging Face folder.</summary>
public static class WhisperExportCommand
{
    public static Command Build()
    {
        var model = new Option<string>("--model") { Description = "A Hugging Face Whisper folder or a ggml file.", Required = true };
        var format = new Option<string>("--format") { Description = "ggml (whisper.cpp, Whisper.net: f16 matrices and conv kernels) or hf (safetensors folder).", Required = true };
        format.AcceptOnlyFromAmong("ggml", "hf");
        var output = new Option<string>("--out") { Description = "The ggml file or the folder to write.", Required = true };
        var command = new Command("export", "Export a Whisper model for whisper.cpp / Whisper.net or Hugging Face transformers.") { model, format, output };
        command.SetAction(parse =>
        {
            using var whisper = WhisperLoader.Load(parse.GetValue(model)!);
            var loaded = whisper.Model;
            string target = parse.GetValue(output)!;
            if (parse.GetValue(format) == "ggml") GgmlWhisperExport.Write(loaded, target);
            else
            {
                WhisperCheckpoint.Save(loaded, target);
                WhisperTokenizerFiles.Save(target, loaded.Config.VocabSize); // a complete folder for transformers' WhisperTokenizer
            }
            parse.InvocationConfiguration.Output.WriteLine($"wrote {target}");
            return CommandErrors.Success;
        });
        return command;
    }
}
