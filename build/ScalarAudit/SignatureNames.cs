using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;

namespace Speech.ScalarAudit;

/// <summary>Readable names of the methods and types of one assembly's metadata, and the method
/// definitions a call token can reach.</summary>
internal sealed class SignatureNames(MetadataReader reader) : ISignatureTypeProvider<string, object?>
{
    public string MethodName(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.MethodDefinition => DefinitionName((MethodDefinitionHandle)handle),
        HandleKind.MethodSpecification => MethodName(reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method),
        HandleKind.MemberReference => ReferenceName((MemberReferenceHandle)handle),
        _ => "?",
    };

    public string ReturnType(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.MethodDefinition => reader.GetMethodDefinition((MethodDefinitionHandle)handle).DecodeSignature(this, null).ReturnType,
        HandleKind.MethodSpecification => ReturnType(reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method),
        HandleKind.MemberReference when reader.GetMemberReference((MemberReferenceHandle)handle) is var r && r.GetKind() == MemberReferenceKind.Method
            => r.DecodeMethodSignature(this, null).ReturnType,
        _ => "?",
    };

    /// <summary>The definitions a call can land on: the method itself, or for a member of an
    /// instantiated generic type of this assembly every same-named method of its definition.</summary>
    public IEnumerable<MethodDefinitionHandle> Definitions(EntityHandle handle)
    {
        if (handle.Kind == HandleKind.MethodDefinition) return [(MethodDefinitionHandle)handle];
        if (handle.Kind == HandleKind.MethodSpecification) return Definitions(reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method);
        if (handle.Kind != HandleKind.MemberReference) return [];
        var member = reader.GetMemberReference((MemberReferenceHandle)handle);
        if (member.Parent.Kind != HandleKind.TypeSpecification) return [];
        var blob = reader.GetBlobReader(reader.GetTypeSpecification((TypeSpecificationHandle)member.Parent).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance) return [];
        blob.ReadCompressedInteger();
        if (blob.ReadTypeHandle() is not { Kind: HandleKind.TypeDefinition } generic) return [];
        string name = reader.GetString(member.Name);
        return reader.GetTypeDefinition((TypeDefinitionHandle)generic).GetMethods()
            .Where(m => reader.GetString(reader.GetMethodDefinition(m).Name) == name);
    }

    public bool IsPublic(MethodDefinitionHandle handle) =>
        (reader.GetMethodDefinition(handle).Attributes & MethodAttributes.MemberAccessMask) == MethodAttributes.Public;

    string DefinitionName(MethodDefinitionHandle handle)
    {
        var method = reader.GetMethodDefinition(handle);
        var parameters = method.DecodeSignature(this, null).ParameterTypes;
        return $"{TypeName(method.GetDeclaringType())}::{reader.GetString(method.Name)}({string.Join(", ", parameters)})";
    }

    string ReferenceName(MemberReferenceHandle handle)
    {
        var member = reader.GetMemberReference(handle);
        string parent = member.Parent.Kind switch
        {
            HandleKind.TypeDefinition => TypeName((TypeDefinitionHandle)member.Parent),
            HandleKind.TypeReference => GetTypeFromReference(reader, (TypeReferenceHandle)member.Parent, 0),
            HandleKind.TypeSpecification => reader.GetTypeSpecification((TypeSpecificationHandle)member.Parent).DecodeSignature(this, null),
            _ => "?",
        };
        var parameters = member.GetKind() == MemberReferenceKind.Method ? member.DecodeMethodSignature(this, null).ParameterTypes : [];
        return $"{parent}::{reader.GetString(member.Name)}({string.Join(", ", parameters)})";
    }

    string TypeName(TypeDefinitionHandle handle) => GetTypeFromDefinition(reader, handle, 0);

    public string GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte kind)
    {
        var type = r.GetTypeDefinition(handle);
        var outer = type.GetDeclaringType();
        string prefix = !outer.IsNil ? GetTypeFromDefinition(r, outer, kind) + "." : type.Namespace.IsNil ? "" : r.GetString(type.Namespace) + ".";
        return prefix + r.GetString(type.Name);
    }

    public string GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte kind)
    {
        var type = r.GetTypeReference(handle);
        string prefix = type.ResolutionScope.Kind == HandleKind.TypeReference
            ? GetTypeFromReference(r, (TypeReferenceHandle)type.ResolutionScope, kind) + "."
            : type.Namespace.IsNil ? "" : r.GetString(type.Namespace) + ".";
        return prefix + r.GetString(type.Name);
    }

    public string GetTypeFromSpecification(MetadataReader r, object? context, TypeSpecificationHandle handle, byte kind) =>
        r.GetTypeSpecification(handle).DecodeSignature(this, context);

    public string GetArrayType(string element, ArrayShape shape) => element + "[" + new string(',', shape.Rank - 1) + "]";
    public string GetByReferenceType(string element) => "ref " + element;
    public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
    public string GetGenericInstantiation(string generic, ImmutableArray<string> arguments) => $"{generic}<{string.Join(",", arguments)}>";
    public string GetGenericMethodParameter(object? context, int index) => "!!" + index;
    public string GetGenericTypeParameter(object? context, int index) => "!" + index;
    public string GetModifiedType(string modifier, string unmodified, bool isRequired) => unmodified;
    public string GetPinnedType(string element) => element;
    public string GetPointerType(string element) => element + "*";
    public string GetPrimitiveType(PrimitiveTypeCode code) => code.ToString();
    public string GetSZArrayType(string element) => element + "[]";
}
