using System.CommandLine;
using Speech.Asr.Whisper;
using Speech.Cli.Hosting;
using Speech.Core.Errors;
using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Cli.Whisper;

/// <summary><c>speech whisper average</c>: the mean of several training checkpoints' weights as one
/// Hugging Face folder (icefall's <c>--avg</c>): on a small corpus the average of the last few
/// checkpoints generalises better than the last one alone. A hybrid run's CTC head is averaged too
/// and kept beside the model (for joint CTC/attention decoding) when the run saved its units.</summary>
public static class WhisperAverageCommand
{
    public static Command Build()
    {
        var checkpoints = new Argument<string[]>("checkpoints")
        {
            Description = "Training checkpoint folders of one run (RUN/checkpoints/step-N), e.g. its last three.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out") { Description = "The Hugging Face folder to write.", Required = true };
        var command = new Command("average", "Average the weights of training checkpoints into one model folder.") { checkpoints, output };
        command.SetAction(parse =>
        {
            var folders = parse.GetValue(checkpoints)!;
            foreach (string folder in folders)
                if (!File.Exists(Path.Combine(folder, CheckpointStore.ModelFile)) || !File.Exists(Path.Combine(folder, CheckpointStore.StateFile)))
                    throw new CheckpointException($"{folder}: not a training checkpoint (it needs {CheckpointStore.ModelFile} and {CheckpointStore.StateFile})");
            using var model = new WhisperModel(WhisperConfig.Load(Path.Combine(folders[0], "config.json")));
            string outFolder = parse.GetValue(output)!;
            var writer = parse.InvocationConfiguration.Output;
            var averaged = CheckpointAveraging.Average(folders);
            try
            {
                using (var guard = no_grad())
                    foreach (var (name, target) in model.state_dict())
                    {
                        if (!averaged.TryGetValue(name, out var value)) throw new CheckpointException($"{folders[0]}: tensor '{name}' is missing");
                        target.copy_(value.to(target.dtype));
                    }
                WhisperCheckpoint.Save(model, outFolder);
                SaveCtcHead(writer, folders[^1], averaged, outFolder);
            }
            finally
            {
                foreach (var tensor in averaged.Values) tensor.Dispose();
            }
            writer.WriteLine($"averaged {folders.Length} checkpoints into {outFolder}");
            return CommandErrors.Success;
        });
        return command;
    }

    /// <summary>The averaged CTC head of a hybrid run, with the units its run folder
    /// (<c>RUN/checkpoints/step-N</c> → <c>RUN</c>) saved; a note when the units are missing.</summary>
    static void SaveCtcHead(TextWriter writer, string checkpoint, IReadOnlyDictionary<string, Tensor> averaged, string outFolder)
    {
        if (!WhisperCtcHead.TryFind(averaged, out var weight, out var bias)) return;
        string run = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(checkpoint))!)!;
        if (!File.Exists(Path.Combine(run, WhisperCtcHead.VocabularyFile)))
        {
            writer.WriteLine($"note: the checkpoints carry a CTC head, but {Path.Combine(run, WhisperCtcHead.VocabularyFile)} is missing: the head is left out");
            return;
        }
        WhisperCtcHead.Save(outFolder, weight, bias, Speech.Asr.Ctc.CtcVocabulary.Load(run, WhisperCtcHead.VocabularyFile));
        writer.WriteLine($"CTC head kept beside the model ({WhisperCtcHead.WeightsFile}, {WhisperCtcHead.VocabularyFile})");
    }
}
