using System.CommandLine;
using Speech.Asr.Mvq;
using Speech.Cli.Hosting;

namespace Speech.Cli.Mvq;

/// <summary><c>speech mvq train-quantizer --embeddings DIR --out FILE</c>: trains a quantizer and
/// prints the held-out relative reconstruction error for 0 … 5 refinement iterations.</summary>
public static class MvqTrainQuantizerCommand
{
    public static Command Build()
    {
        var defaults = new QuantizerTrainingOptions();
        var embeddings = new Option<string>("--embeddings") { Description = "Embeddings folder written by 'speech mvq embeddings'.", Required = true };
        var output = new Option<string>("--out") { Description = "Quantizer file (.safetensors; its metadata holds the shape and the random quantizer id).", Required = true };
        var bytes = new Option<int>("--bytes-per-frame") { Description = "Codebooks of 256 = bytes per frame (icefall: 8).", DefaultValueFactory = _ => defaults.BytesPerFrame };
        var phaseOne = new Option<int>("--phase-one-steps") { Description = "Steps with twice as many codebooks of 16 (reference: 10000).", DefaultValueFactory = _ => defaults.PhaseOneSteps };
        var phaseTwo = new Option<int>("--phase-two-steps") { Description = "Steps after fusing pairs into codebooks of 256 (reference: 10000).", DefaultValueFactory = _ => defaults.PhaseTwoSteps };
        var batch = new Option<int>("--batch-size") { Description = "Frames per step (reference: about 600; icefall 512).", DefaultValueFactory = _ => defaults.BatchSize };
        var rate = new Option<double>("--lr") { Description = "Initial learning rate (reference: 0.005), halved for phase 2 and every quarter phase.", DefaultValueFactory = _ => defaults.LearningRate };
        var command = new Command("train-quantizer", "Train a multi-codebook quantizer on teacher embeddings (two phases, as the reference); skips when --out exists.")
            { embeddings, output, bytes, phaseOne, phaseTwo, batch, rate };
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            string folder = parse.GetValue(embeddings)!, outPath = parse.GetValue(output)!;
            var info = EmbeddingStoreInfo.Read(folder);
            var (train, heldOut) = QuantizerTrainingData.Load(folder, verb.Seed);
            using var owned = train;
            using var validation = heldOut;
            MultiCodebookQuantizer quantizer;
            if (File.Exists(outPath))
            {
                quantizer = MultiCodebookQuantizer.Load(outPath);
                verb.Output.WriteLine($"{outPath} exists (quantizer {quantizer.Id}); not retrained");
            }
            else
            {
                var options = new QuantizerTrainingOptions
                {
                    BytesPerFrame = parse.GetValue(bytes), PhaseOneSteps = parse.GetValue(phaseOne), PhaseTwoSteps = parse.GetValue(phaseTwo),
                    BatchSize = parse.GetValue(batch), LearningRate = parse.GetValue(rate), Seed = verb.Seed,
                };
                using var trainer = new QuantizerTrainer(info.Dim, options, verb.Device);
                quantizer = ConsoleProgress.Run(verb.Output, "mvq train-quantizer", p => trainer.Train(train.to(verb.Device), p));
                quantizer.Save(outPath);
            }
            using (quantizer)
            {
                var errors = QuantizerTrainer.RelativeErrors(quantizer, heldOut.to(verb.Device));
                verb.Output.WriteLine($"quantizer {quantizer.Id}: {quantizer.NumCodebooks} codebooks of {quantizer.CodebookSize} for {info.Teacher} (dim {info.Dim}); " +
                                      $"{train.shape[0]} training frames, {heldOut.shape[0]} held out");
                verb.Output.WriteLine("held-out relative reconstruction error by refinement iterations:");
                for (int r = 0; r < errors.Length; r++) verb.Output.WriteLine($"  {r}: {errors[r]:F4}");
                verb.Output.WriteLine($"written to {outPath}");
            }
            return CommandErrors.Success;
        });
        return command;
    }
}
