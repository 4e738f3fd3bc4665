using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Sandbox.Hosting;

namespace CloudDesignPatterns.Tests.Architecture
{
    /// <summary>
    /// The engine's folders keep the layers of docs/architecture.md: each uses only its own layer and the layers its
    /// row names, and no folders use each other in a circle. Read from the compiled engine (<see cref="EngineReferences"/>).
    /// </summary>
    public sealed class EngineLayerTests
    {
        private const string Foundation = "foundation", Access = "AWS access", Transport = "EC2 transport", CloudDiLayer = "Cloud DI", SnapshotDomain = "snapshot domain",
            SnapshotOperations = "snapshot operations", Patterns = "other patterns", Top = "top";

        /// <summary>The table of docs/architecture.md: layer, its folders, the layers below it that it may use.</summary>
        private static readonly (string Layer, string[] Folders, string[] Uses)[] Layers =
        {
            (Foundation, new[] { "Errors", "Diagnostics", "Validation", "Signing", "Tagging", "Platform", "Configuration" }, new string[0]),
            (Access, new[] { "Imds", "Aws" }, new[] { Foundation }),
            (Transport, new[] { "Ec2.Query", "Ec2" }, new[] { Foundation, Access }),
            (CloudDiLayer, new[] { "CloudDi" }, new[] { Foundation, Access, Transport }),
            (SnapshotDomain, new[] { "Snapshots" }, new[] { Foundation, Access, Transport, CloudDiLayer }),
            (SnapshotOperations, new[] { "Snapshots.Backup", "Snapshots.Rotation", "Snapshots.Copy", "Snapshots.Restore" }, new[] { Foundation, Access, Transport, CloudDiLayer, SnapshotDomain }),
            (Patterns, new[] { "Routing", "Dns", "Route53", "FloatingIp", "Firewall", "Bastion", "OnDemandIngress", "Schedules", "Ssm", "GameDay" },
                new[] { Foundation, Access, Transport, CloudDiLayer }),
            (Top, new[] { "", "Completion", "Iam" }, new[] { Foundation, Access, Transport, CloudDiLayer, SnapshotDomain, SnapshotOperations, Patterns }),
        };

        /// <summary>Folders whose subfolders count as one: Configuration's parts (types, patterns, user data) are one catalog that names itself.</summary>
        private static readonly string[] OneRoom = { "Configuration", "Schedules", "GameDay" };

        private static string Room(string folder)
            => OneRoom.FirstOrDefault(r => folder.StartsWith(r + ".", StringComparison.Ordinal)) ?? folder;

        private static Dictionary<string, Dictionary<string, string>> RoomEdges()
        {
            var edges = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            foreach (var from in EngineReferences.FolderEdges(typeof(Ec2Session).Assembly.Location))
                foreach (var to in from.Value)
                {
                    var (a, b) = (Room(from.Key), Room(to.Key));
                    if (a == b) continue;
                    if (!edges.TryGetValue(a, out var targets)) edges[a] = targets = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (!targets.ContainsKey(b)) targets[b] = to.Value;
                }
            return edges;
        }

        [Fact]
        public void Every_engine_folder_uses_only_its_own_layer_and_the_layers_below_it_that_its_row_names()
        {
            var layerOf = Layers.SelectMany(l => l.Folders.Select(f => (Folder: f, l.Layer))).ToDictionary(x => x.Folder, x => x.Layer);
            var uses = Layers.ToDictionary(l => l.Layer, l => new HashSet<string>(l.Uses) { l.Layer });
            var edges = RoomEdges();
            var unplaced = edges.Keys.Concat(edges.Values.SelectMany(t => t.Keys)).Distinct().Where(f => !layerOf.ContainsKey(f)).ToList();
            Assert.True(unplaced.Count == 0, $"Folders in no layer: {string.Join(", ", unplaced)}. Give each a row in docs/architecture.md and in Layers here.");

            var wrong = edges.SelectMany(e => e.Value.Where(t => !uses[layerOf[e.Key]].Contains(layerOf[t.Key]))
                .Select(t => $"{Show(e.Key)} ({layerOf[e.Key]}) → {Show(t.Key)} ({layerOf[t.Key]}): {t.Value}")).ToList();
            Assert.True(wrong.Count == 0, "References against the layers:\n" + string.Join("\n", wrong));
        }

        [Fact]
        public void No_engine_folders_use_each_other_in_a_circle()
        {
            var edges = RoomEdges().ToDictionary(e => e.Key, e => (IEnumerable<string>)e.Value.Keys);
            var cycle = FindCycle(edges);
            Assert.True(cycle == null, "A dependency cycle: " + string.Join(" → ", (cycle ?? new List<string>()).Select(Show)));
        }

        [Fact]
        public void The_cycle_check_finds_a_circle_through_three_folders_and_none_in_a_chain()
        {
            var chain = new Dictionary<string, IEnumerable<string>> { ["A"] = new[] { "B" }, ["B"] = new[] { "C" }, ["C"] = new string[0] };
            Assert.Null(FindCycle(chain));
            var circle = new Dictionary<string, IEnumerable<string>> { ["A"] = new[] { "B" }, ["B"] = new[] { "C" }, ["C"] = new[] { "A" } };
            Assert.Equal(new[] { "A", "B", "C", "A" }, FindCycle(circle));
        }

        [Fact]
        public void The_sandbox_does_not_reference_the_engine()
        {
            var references = typeof(SandboxHost).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
            Assert.DoesNotContain(typeof(Ec2Session).Assembly.GetName().Name, references);
        }

        /// <summary>One cycle as the folders on it (the first repeated at the end), or null: a depth-first walk, in name order.</summary>
        private static List<string>? FindCycle(Dictionary<string, IEnumerable<string>> edges)
        {
            var done = new HashSet<string>(StringComparer.Ordinal);
            var path = new List<string>();
            List<string>? Visit(string node)
            {
                var onPath = path.IndexOf(node);
                if (onPath >= 0) return path.Skip(onPath).Append(node).ToList();
                if (!done.Add(node)) return null;
                path.Add(node);
                foreach (var next in (edges.TryGetValue(node, out var targets) ? targets : Enumerable.Empty<string>()).OrderBy(t => t, StringComparer.Ordinal))
                    if (Visit(next) is { } found) return found;
                path.RemoveAt(path.Count - 1);
                return null;
            }
            foreach (var node in edges.Keys.OrderBy(k => k, StringComparer.Ordinal))
                if (Visit(node) is { } cycle) return cycle;
            return null;
        }

        private static string Show(string folder) => folder.Length == 0 ? "(engine root)" : folder;
    }
}
