using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace CloudDesignPatterns.Tests.Architecture
{
    /// <summary>
    /// Which engine folder uses which, read from the compiled engine assembly (System.Reflection.Metadata): every type a
    /// type names in its base type, interfaces, fields, signatures, attributes, locals and method bodies (the IL's
    /// tokens). Read from the compiled code rather than from the source's usings, so a fully qualified name, a type of
    /// the parent namespace (which C# finds without a using) or a lambda's closure counts too. A folder is the namespace
    /// below CloudDesignPatterns.Engine ("Snapshots.Rotation"); a nested or compiler-made type belongs to its outermost type.
    /// </summary>
    internal static class EngineReferences
    {
        public const string RootNamespace = "CloudDesignPatterns.Engine";

        /// <summary>Folder → the other folders its types reference, and for each the first referring type and the type it names (for the failure message).</summary>
        public static Dictionary<string, Dictionary<string, string>> FolderEdges(string assemblyPath)
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            var md = pe.GetMetadataReader();
            var edges = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            foreach (var handle in md.TypeDefinitions)
            {
                var from = FolderOf(md, handle);
                if (from == null) continue;
                var provider = new Collector(md);
                Collect(md, pe, handle, provider);
                foreach (var used in provider.Used)
                {
                    var to = FolderOf(md, used);
                    if (to == null || to == from) continue;
                    if (!edges.TryGetValue(from, out var targets)) edges[from] = targets = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (!targets.ContainsKey(to)) targets[to] = $"{FullName(md, handle)} uses {FullName(md, used)}";
                }
            }
            return edges;
        }

        /// <summary>The folder of a type of the engine's own namespaces, or null (embedded attributes, module-level helpers).</summary>
        public static string? FolderOf(MetadataReader md, TypeDefinitionHandle handle)
        {
            var outer = Outermost(md, handle);
            var ns = md.GetString(outer.Namespace);
            if (ns == RootNamespace) return "";
            return ns.StartsWith(RootNamespace + ".", StringComparison.Ordinal) ? ns.Substring(RootNamespace.Length + 1) : null;
        }

        private static TypeDefinition Outermost(MetadataReader md, TypeDefinitionHandle handle)
        {
            var type = md.GetTypeDefinition(handle);
            while (type.GetDeclaringType() is { IsNil: false } declaring) type = md.GetTypeDefinition(declaring);
            return type;
        }

        private static string FullName(MetadataReader md, TypeDefinitionHandle handle)
        {
            var outer = Outermost(md, handle);
            return md.GetString(outer.Namespace) + "." + md.GetString(outer.Name);
        }

        private static void Collect(MetadataReader md, PEReader pe, TypeDefinitionHandle handle, Collector c)
        {
            var type = md.GetTypeDefinition(handle);
            c.Entity(type.BaseType);
            foreach (var i in type.GetInterfaceImplementations()) c.Entity(md.GetInterfaceImplementation(i).Interface);
            Attributes(md, type.GetCustomAttributes(), c);
            foreach (var f in type.GetFields())
            {
                var field = md.GetFieldDefinition(f);
                field.DecodeSignature(c, null);
                Attributes(md, field.GetCustomAttributes(), c);
            }
            foreach (var p in type.GetProperties()) md.GetPropertyDefinition(p).DecodeSignature(c, null);
            foreach (var e in type.GetEvents()) c.Entity(md.GetEventDefinition(e).Type);
            foreach (var m in type.GetMethods())
            {
                var method = md.GetMethodDefinition(m);
                method.DecodeSignature(c, null);
                Attributes(md, method.GetCustomAttributes(), c);
                if (method.RelativeVirtualAddress == 0) continue;
                var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                if (!body.LocalSignature.IsNil) md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(c, null);
                foreach (var token in Tokens(body.GetILBytes())) c.Entity(MetadataTokens.EntityHandle(token));
            }
        }

        private static void Attributes(MetadataReader md, CustomAttributeHandleCollection attributes, Collector c)
        {
            foreach (var a in attributes) c.Entity(md.GetCustomAttribute(a).Constructor);
        }

        private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value, o => o.OperandType);

        /// <summary>The metadata tokens an IL body names (types, methods, fields, signatures); strings are left out.</summary>
        private static IEnumerable<int> Tokens(byte[] il)
        {
            for (var i = 0; i < il.Length;)
            {
                short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
                i += il[i] == 0xFE ? 2 : 1;
                var operand = Operands[value];
                switch (operand)
                {
                    case OperandType.InlineField: case OperandType.InlineMethod: case OperandType.InlineType: case OperandType.InlineTok: case OperandType.InlineSig:
                        yield return BitConverter.ToInt32(il, i); i += 4; break;
                    case OperandType.InlineNone: break;
                    case OperandType.ShortInlineBrTarget: case OperandType.ShortInlineI: case OperandType.ShortInlineVar: i += 1; break;
                    case OperandType.InlineVar: i += 2; break;
                    case OperandType.InlineI8: case OperandType.InlineR: i += 8; break;
                    case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                    default: i += 4; break; // InlineI, InlineBrTarget, InlineString, ShortInlineR
                }
            }
        }

        /// <summary>Records every type definition of this assembly that a handle or signature names.</summary>
        private sealed class Collector : ISignatureTypeProvider<bool, object?>
        {
            private readonly MetadataReader md;
            public readonly HashSet<TypeDefinitionHandle> Used = new HashSet<TypeDefinitionHandle>();

            public Collector(MetadataReader md) => this.md = md;

            public void Entity(EntityHandle handle)
            {
                if (handle.IsNil) return;
                switch (handle.Kind)
                {
                    case HandleKind.TypeDefinition: Used.Add((TypeDefinitionHandle)handle); break;
                    case HandleKind.TypeSpecification: md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null); break;
                    case HandleKind.MethodDefinition:
                        Used.Add(md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()); break;
                    case HandleKind.FieldDefinition:
                        Used.Add(md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()); break;
                    case HandleKind.MemberReference:
                        var member = md.GetMemberReference((MemberReferenceHandle)handle);
                        Entity(member.Parent);
                        if (member.GetKind() == MemberReferenceKind.Method) member.DecodeMethodSignature(this, null);
                        else member.DecodeFieldSignature(this, null);
                        break;
                    case HandleKind.MethodSpecification:
                        var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                        Entity(spec.Method);
                        spec.DecodeSignature(this, null);
                        break;
                    case HandleKind.StandaloneSignature:
                        var signature = md.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                        if (signature.GetKind() == StandaloneSignatureKind.Method) signature.DecodeMethodSignature(this, null);
                        break;
                }
            }

            public bool GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) { Used.Add(handle); return true; }
            public bool GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => true;
            public bool GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind)
            {
                reader.GetTypeSpecification(handle).DecodeSignature(this, context);
                return true;
            }
            public bool GetArrayType(bool elementType, ArrayShape shape) => true;
            public bool GetByReferenceType(bool elementType) => true;
            public bool GetFunctionPointerType(MethodSignature<bool> signature) => true;
            public bool GetGenericInstantiation(bool genericType, ImmutableArray<bool> typeArguments) => true;
            public bool GetGenericMethodParameter(object? genericContext, int index) => true;
            public bool GetGenericTypeParameter(object? genericContext, int index) => true;
            public bool GetModifiedType(bool modifier, bool unmodifiedType, bool isRequired) => true;
            public bool GetPinnedType(bool elementType) => true;
            public bool GetPointerType(bool elementType) => true;
            public bool GetPrimitiveType(PrimitiveTypeCode typeCode) => true;
            public bool GetSZArrayType(bool elementType) => true;
        }
    }
}
