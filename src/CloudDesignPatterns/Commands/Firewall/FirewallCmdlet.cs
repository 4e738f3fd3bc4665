using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Firewall;
using CloudDesignPatterns.Infrastructure;

namespace CloudDesignPatterns.Commands.Firewall
{
    /// <summary>The declaration parameters of the Operational Firewall cmdlets: a .psd1 file or a hashtable, read strictly.</summary>
    public abstract class FirewallCmdlet : AwsCmdlet
    {
        protected const string PathSet = "Path";
        protected const string DefinitionSet = "Definition";

        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
        public string Path { get; set; } = "";

        [Parameter(ParameterSetName = DefinitionSet, Mandatory = true)]
        public Hashtable Definition { get; set; } = new Hashtable();

        /// <summary>Overrides the declaration's VpcId; without either, the region's default VPC.</summary>
        [Parameter]
        [ValidatePattern("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$")]
        public string? VpcId { get; set; }

        /// <summary>Reads and checks the declaration before any AWS call; a mistake ends the command.</summary>
        internal FirewallDeclaration ReadDeclaration()
        {
            IDictionary data = Definition;
            if (ParameterSetName == PathSet)
            {
                var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
                if (!System.IO.File.Exists(full)) ThrowArgumentError("DeclarationFileNotFound", $"No declaration file at '{full}'.", Path);
                data = (IDictionary)InvokeCommand.InvokeScript("param($p) Import-PowerShellDataFile -LiteralPath $p", true,
                    PipelineResultTypes.None, null, full).First().BaseObject;
            }
            try
            {
                var declaration = DeclarationReader.Read((IDictionary)Unwrap(data)!);
                if (VpcId != null) declaration.VpcId = VpcId;
                return declaration;
            }
            catch (PatternException e) { ThrowPatternError(e, data); throw; }
        }

        /// <summary>Hashtables and arrays as plain .NET values, so the engine never sees a PSObject.</summary>
        private static object? Unwrap(object? value)
        {
            value = value is PSObject ps ? ps.BaseObject : value;
            switch (value)
            {
                case IDictionary map:
                    var copy = new Hashtable(System.StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry e in map) copy[Unwrap(e.Key)!] = Unwrap(e.Value);
                    return copy;
                case string s: return s;
                case IEnumerable list: return list.Cast<object?>().Select(Unwrap).ToArray();
                default: return value;
            }
        }
    }
}
