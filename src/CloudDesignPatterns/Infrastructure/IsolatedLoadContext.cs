using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace CloudDesignPatterns.Infrastructure
{
    /// <summary>
    /// PowerShell 7: the engine, the sandbox and the AWS SDK load into this context of our own, so the module works
    /// beside AWS.Tools or anything else that loaded another AWSSDK.Core (every 4.x build is assembly version 4.0.0.0,
    /// so only a separate context avoids the clash). The default context only ever sees the cmdlet and model assemblies.
    /// </summary>
    internal sealed class IsolatedLoadContext : AssemblyLoadContext
    {
        /// <summary>Our assemblies that the cmdlets reference directly; the default context asks us for them.</summary>
        private static readonly HashSet<string> EntryAssemblies = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "CloudDesignPatterns.Engine",
            "CloudDesignPatterns.Sandbox",
        };

        private static IsolatedLoadContext? instance;
        private readonly string directory;
        private readonly HashSet<string> frameworkAssemblies;

        private IsolatedLoadContext(string directory)
        {
            this.directory = directory;
            frameworkAssemblies = TrustedPlatformAssemblyNames();
        }

        /// <summary>Idempotent: a re-import after Remove-Module registers the resolver again, with the same context.</summary>
        public static void Register(string directory)
        {
            lock (EntryAssemblies)
            {
                instance ??= new IsolatedLoadContext(directory);
                Default.Resolving -= ResolveEntryAssembly;
                Default.Resolving += ResolveEntryAssembly;
            }
        }

        public static void Unregister() => Default.Resolving -= ResolveEntryAssembly;

        private static Assembly? ResolveEntryAssembly(AssemblyLoadContext context, AssemblyName name)
            => instance != null && name.Name != null && EntryAssemblies.Contains(name.Name) ? instance.LoadFromAssemblyName(name) : null;

        protected override Assembly? Load(AssemblyName name)
        {
            // The model is shared with the cmdlets: let the default context supply the one copy.
            if (name.Name == "CloudDesignPatterns.Model") return null;
            // What the runtime (or pwsh itself) ships, it loads: System.Text.Json and friends in newer versions.
            if (name.Name != null && frameworkAssemblies.Contains(name.Name) && !EntryAssemblies.Contains(name.Name)) return null;
            var path = Path.Combine(directory, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        private static HashSet<string> TrustedPlatformAssemblyNames()
        {
            var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
            return new HashSet<string>(
                list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFileNameWithoutExtension),
                StringComparer.OrdinalIgnoreCase);
        }
    }
}
