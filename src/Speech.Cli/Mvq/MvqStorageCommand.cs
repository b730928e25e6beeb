using System.CommandLine;
using Speech.Asr.Mvq;
using Speech.Cli.Hosting;

namespace Speech.Cli.Mvq;

/// <summary><c>speech mvq storage --dim D --codebooks N [--folder NAME=DIR ...]</c>: bytes per frame of
/// float32 and float16 embeddings against codebook indexes, and the disk each target folder uses.</summary>
public static class MvqStorageCommand
{
    public static Command Build()
    {
        var dim = new Option<int>("--dim") { Description = "Width of the teacher's embeddings.", Required = true };
        var codebooks = new Option<int>("--codebooks") { Description = "Codebooks of 256 (bytes per frame of the indexes).", Required = true };
        var folders = new Option<string[]>("--folder") { Description = "NAME=DIR: a target folder whose disk use to print (repeatable).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("storage", "Print the storage report: bytes per frame of each kind of target, and measured disk use.") { dim, codebooks, folders };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var report = new StorageReport(parse.GetValue(dim), parse.GetValue(codebooks));
            foreach (string line in report.Lines()) output.WriteLine(line);
            foreach (string pair in parse.GetValue(folders) ?? Array.Empty<string>())
            {
                int equals = pair.IndexOf('=');
                if (equals < 1) throw new Speech.Core.Errors.ConfigException($"--folder {pair}: expected NAME=DIR");
                string folder = pair[(equals + 1)..];
                if (!Directory.Exists(folder)) throw new Speech.Core.Errors.ConfigException($"--folder {pair}: {folder} does not exist");
                long bytes = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
                output.WriteLine($"disk: {pair[..equals]}: {bytes:N0} bytes in {folder}");
            }
            return CommandErrors.Success;
        });
        return command;
    }
}
