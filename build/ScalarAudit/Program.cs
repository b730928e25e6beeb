using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Speech.ScalarAudit;

// Reads TorchSharp.dll's IL: a method that calls one of Scalar's implicit conversions or a
// ToScalar() makes a Scalar (it owns it only if it also disposes one: read those in the source);
// a method that calls such a method inherits the problem. Prints the public ones with the reason.
string path = args.Length > 0 ? args[0] : Path.Combine(
    Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
    "torchsharp", "0.107.0", "lib", "net8.0", "TorchSharp.dll");
using var stream = File.OpenRead(path);
using var pe = new PEReader(stream);
var reader = pe.GetMetadataReader();
var names = new SignatureNames(reader);
var opCodes = typeof(OpCodes).GetFields().Select(f => (OpCode)f.GetValue(null)!).ToDictionary(op => (ushort)op.Value);

var makers = new Dictionary<MethodDefinitionHandle, string>();
var disposers = new HashSet<MethodDefinitionHandle>();
var callees = new Dictionary<MethodDefinitionHandle, List<MethodDefinitionHandle>>();
foreach (var handle in reader.MethodDefinitions)
{
    var method = reader.GetMethodDefinition(handle);
    if (method.RelativeVirtualAddress == 0) continue;
    var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader();
    var calls = callees[handle] = new List<MethodDefinitionHandle>();
    while (il.RemainingBytes > 0)
    {
        ushort code = il.ReadByte();
        if (code == 0xfe) code = (ushort)(0xfe00 | il.ReadByte());
        if (!opCodes.TryGetValue(code, out var op)) throw new InvalidDataException($"{names.MethodName(handle)}: opcode {code:x} at {il.Offset}");
        if (op.OperandType != OperandType.InlineMethod) { Skip(ref il, op.OperandType); continue; }
        var target = MetadataTokens.EntityHandle(il.ReadInt32());
        string name = names.MethodName(target);
        if (name.StartsWith("TorchSharp.Scalar::op_Implicit") || name.Contains("::ToScalar(") && names.ReturnType(target) == "TorchSharp.Scalar")
            makers.TryAdd(handle, name);
        if (name.StartsWith("TorchSharp.Scalar::Dispose") || name.StartsWith("System.IDisposable::Dispose")) disposers.Add(handle);
        calls.AddRange(names.Definitions(target));
    }
}

// Scalar's own conversions and ToScalar hand the Scalar to their caller: they are the sources.
bool IsSource(MethodDefinitionHandle h) => names.MethodName(h) is var n && (n.StartsWith("TorchSharp.Scalar::") || n.StartsWith("TorchSharp.ScalarExtensionMethods::"));
var reasons = makers.Where(m => !IsSource(m.Key)).ToDictionary(m => m.Key,
    m => (disposers.Contains(m.Key) ? "makes (and disposes some: read it) " : "makes ") + m.Value.Split('(')[0]);
for (bool grew = true; grew;)
{
    grew = false;
    foreach (var (caller, calls) in callees)
        if (!reasons.ContainsKey(caller) && !IsSource(caller) && calls.FirstOrDefault(reasons.ContainsKey) is var callee && !callee.IsNil)
        {
            reasons[caller] = "calls " + names.MethodName(callee);
            grew = true;
        }
}
foreach (var line in reasons.Where(r => names.IsPublic(r.Key)).Select(r => $"{names.MethodName(r.Key)}\t{r.Value}").Order())
    Console.WriteLine(line);

static void Skip(ref BlobReader il, OperandType operand)
{
    switch (operand)
    {
        case OperandType.InlineNone: break;
        case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: il.ReadByte(); break;
        case OperandType.InlineVar: il.ReadInt16(); break;
        case OperandType.InlineI8 or OperandType.InlineR: il.ReadInt64(); break;
        case OperandType.InlineSwitch: int targets = il.ReadInt32(); il.Offset += 4 * targets; break;
        default: il.ReadInt32(); break;
    }
}
