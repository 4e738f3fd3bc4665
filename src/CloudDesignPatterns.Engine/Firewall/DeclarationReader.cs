using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Validation;

namespace CloudDesignPatterns.Engine.Firewall
{
    /// <summary>
    /// Reads a firewall declaration from nested dictionaries and lists (a .psd1 file or a hashtable, already unwrapped
    /// by the cmdlet) and checks it strictly: an unknown key is refused with its name and the keys allowed there, so a
    /// typo never silently drops a rule. Every error names where it is (Teams.web.Rules[2].Port).
    /// </summary>
    public static class DeclarationReader
    {
        private static readonly string[] TopKeys = { "VpcId", "Teams", "Quotas" };
        private static readonly string[] QuotaKeys = { "RulesPerGroup", "GroupsPerInterface" };
        private static readonly string[] TeamKeys = { "Description", "Rules", "AttachTo" };
        private static readonly string[] RuleKeys = { "Protocol", "Port", "FromPort", "ToPort", "Source", "Description" };
        private static readonly Regex TeamName = new Regex("^[a-z0-9][a-z0-9-]{0,40}$", RegexOptions.CultureInvariant);

        public static FirewallDeclaration Read(IDictionary root)
        {
            CheckKeys(root, TopKeys, "the declaration");
            var declaration = new FirewallDeclaration();
            if (root.Contains("VpcId")) declaration.VpcId = ResourceIdAt(ResourceKind.Vpc, Text(root["VpcId"], "VpcId"), "VpcId");
            if (root.Contains("Quotas"))
            {
                var quotas = Dictionary(root["Quotas"], "Quotas");
                CheckKeys(quotas, QuotaKeys, "Quotas");
                if (quotas.Contains("RulesPerGroup")) declaration.RulesPerGroup = Number(quotas["RulesPerGroup"], "Quotas.RulesPerGroup", 1, 1000);
                if (quotas.Contains("GroupsPerInterface")) declaration.GroupsPerInterface = Number(quotas["GroupsPerInterface"], "Quotas.GroupsPerInterface", 1, 16);
            }
            if (!root.Contains("Teams")) throw Invalid("The declaration has no Teams key: declare at least one team.");
            var teams = Dictionary(root["Teams"], "Teams");
            var list = new List<TeamDeclaration>();
            foreach (DictionaryEntry entry in teams) list.Add(ReadTeam(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", entry.Value));
            if (list.Count == 0) throw Invalid("Teams is empty: declare at least one team.");
            declaration.Teams = list.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
            return declaration;
        }

        private static TeamDeclaration ReadTeam(string name, object? value)
        {
            var where = "Teams." + name;
            if (!TeamName.IsMatch(name))
                throw Invalid($"Team name '{name}' is not valid: lowercase letters, digits and dashes, starting with a letter or digit, at most 41 characters.");
            var team = Dictionary(value, where);
            CheckKeys(team, TeamKeys, where);
            var rules = new List<RuleSpec>();
            if (team.Contains("Rules"))
            {
                var index = 0;
                foreach (var rule in Items(team["Rules"]))
                {
                    foreach (var spec in ReadRule(rule, $"{where}.Rules[{index}]"))
                    {
                        if (rules.Contains(spec)) throw Invalid($"{where}.Rules[{index}] declares '{spec}' a second time.");
                        rules.Add(spec);
                    }
                    index++;
                }
            }
            var attachTo = new Dictionary<string, string>(StringComparer.Ordinal);
            if (team.Contains("AttachTo"))
                foreach (DictionaryEntry tag in Dictionary(team["AttachTo"], where + ".AttachTo"))
                    attachTo[Convert.ToString(tag.Key, CultureInfo.InvariantCulture) ?? ""] = Text(tag.Value, $"{where}.AttachTo.{tag.Key}");
            return new TeamDeclaration
            {
                Name = name,
                Description = team.Contains("Description") ? Text(team["Description"], where + ".Description") : $"Team {name} (CloudDesignPatterns Operational Firewall)",
                Rules = rules,
                AttachTo = attachTo,
            };
        }

        /// <summary>One rule entry; Source may be one source or a list (one AWS rule each).</summary>
        private static IEnumerable<RuleSpec> ReadRule(object? value, string where)
        {
            var rule = Dictionary(value, where);
            CheckKeys(rule, RuleKeys, where);
            string protocol;
            try { protocol = RuleSpec.NormalizeProtocol(rule.Contains("Protocol") ? Text(rule["Protocol"], where + ".Protocol") : "tcp"); }
            catch (ArgumentException e) { throw Invalid($"{where}.Protocol: {e.Message}"); }
            int? from = null, to = null;
            if (protocol != "-1")
            {
                if (rule.Contains("Port") && (rule.Contains("FromPort") || rule.Contains("ToPort")))
                    throw Invalid($"{where}: give Port, or FromPort and ToPort, not both.");
                if (rule.Contains("Port")) from = to = Number(rule["Port"], where + ".Port", protocol == "icmp" ? -1 : 0, 65535);
                else if (rule.Contains("FromPort") && rule.Contains("ToPort"))
                {
                    from = Number(rule["FromPort"], where + ".FromPort", protocol == "icmp" ? -1 : 0, 65535);
                    to = Number(rule["ToPort"], where + ".ToPort", protocol == "icmp" ? -1 : 0, 65535);
                    if (from > to) throw Invalid($"{where}: FromPort {from} is above ToPort {to}.");
                }
                else throw Invalid($"{where}: a {protocol} rule needs Port (or FromPort and ToPort).");
            }
            else if (rule.Contains("Port") || rule.Contains("FromPort") || rule.Contains("ToPort"))
                throw Invalid($"{where}: a rule for all protocols has no ports.");
            if (!rule.Contains("Source")) throw Invalid($"{where} has no Source.");
            var description = rule.Contains("Description") ? Text(rule["Description"], where + ".Description") : null;
            var sources = Items(rule["Source"]).ToList();
            if (sources.Count == 0) throw Invalid($"{where}.Source is empty.");
            foreach (var source in sources)
            {
                (SourceKind Kind, string Value) parsed;
                try { parsed = RuleSpec.ParseSource(Text(source, where + ".Source")); }
                catch (ArgumentException e) { throw Invalid($"{where}.Source: {e.Message}"); }
                yield return new RuleSpec(protocol, from, to, parsed.Kind, parsed.Value, description);
            }
        }

        private static void CheckKeys(IDictionary map, string[] allowed, string where)
        {
            foreach (var key in map.Keys)
            {
                var name = Convert.ToString(key, CultureInfo.InvariantCulture) ?? "";
                if (!allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
                    throw Invalid($"Unknown key '{name}' in {where}. Allowed keys: {string.Join(", ", allowed)}.", "UnknownDeclarationKey");
            }
        }

        private static IDictionary Dictionary(object? value, string where) =>
            value as IDictionary ?? throw Invalid($"{where} must be a hashtable (@{{ ... }}).");

        private static IEnumerable<object?> Items(object? value) =>
            value is string || value is IDictionary || !(value is IEnumerable list) ? new[] { value } : list.Cast<object?>();

        private static string Text(object? value, string where) =>
            value is string s && s.Length > 0 ? s : throw Invalid($"{where} must be a non-empty string.");

        private static int Number(object? value, string where, int min, int max)
        {
            int n;
            try { n = Convert.ToInt32(value, CultureInfo.InvariantCulture); }
            catch (Exception e) when (e is FormatException || e is InvalidCastException || e is OverflowException)
            { throw Invalid($"{where}: '{value}' is not a number."); }
            if (n < min || n > max) throw Invalid($"{where}: {n} is out of range ({min}-{max}).");
            return n;
        }

        private static string ResourceIdAt(ResourceKind kind, string id, string where)
        {
            try { return ResourceId.Require(kind, id); }
            catch (ArgumentException e) { throw Invalid($"{where}: {e.Message}"); }
        }

        private static PatternException Invalid(string message, string errorId = "InvalidFirewallDeclaration") =>
            new PatternException(errorId, PatternErrorCategory.InvalidArgument, message);
    }
}
