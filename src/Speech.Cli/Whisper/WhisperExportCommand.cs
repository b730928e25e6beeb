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
        var dtype = new Option<string>("--dtype")
        {
            Description = "hf only: how the folder stores its weights (and the CTC head kept beside a hybrid model): fp32, or bf16 " +
                "(half the size, as the checkpoints in models/ are; loading casts them back to float32).",
            DefaultValueFactory = _ => "fp32",
        };
        dtype.AcceptOnlyFromAmong("fp32", "bf16");
        var command = new Command("export", "Export a Whisper model for whisper.cpp / Whisper.net or Hugging Face transformers.") { model, format, output, dtype };
        command.SetAction(parse =>
        {
            using var whisper = WhisperLoader.Load(parse.GetValue(model)!);
            var loaded = whisper.Model;
            string target = parse.GetValue(output)!;
            bool bf16 = parse.GetValue(dtype) == "bf16";
            if (parse.GetValue(format) == "ggml")
            {
                if (bf16) throw new Speech.Core.Errors.ConfigException("--dtype applies to --format hf (a ggml file stores f16 matrices)");
                GgmlWhisperExport.Write(loaded, target);
            }
            else
            {
                var storage = bf16 ? TorchSharp.torch.ScalarType.BFloat16 : TorchSharp.torch.ScalarType.Float32;
                WhisperCheckpoint.Save(loaded, target, storage);
                WhisperTokenizerFiles.Save(target, loaded.Config.VocabSize); // a complete folder for transformers' WhisperTokenizer
                string source = parse.GetValue(model)!;
                if (Directory.Exists(source) && WhisperCtcHead.ExistsIn(source))
                {
                    using var head = WhisperCtcHead.Load(source, loaded.Config);
                    head.Save(target, storage);
                }
            }
            parse.InvocationConfiguration.Output.WriteLine($"wrote {target}");
            return CommandErrors.Success;
        });
        return command;
    }
}
