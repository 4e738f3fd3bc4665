using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CloudDesignPatterns.Sandbox.Iam
{
    /// <summary>
    /// Turns policy JSON into a <see cref="PolicyDocument"/>, rejecting what IAM rejects for an identity-based policy
    /// with a message that names the statement and element at fault. Element names are case-sensitive, as in IAM.
    /// </summary>
    internal static class PolicyParser
    {
        private static readonly string[] Versions = { "2012-10-17", "2008-10-17" };
        private static readonly HashSet<string> DocumentElements = new HashSet<string>(StringComparer.Ordinal) { "Version", "Id", "Statement" };
        private static readonly HashSet<string> StatementElements = new HashSet<string>(StringComparer.Ordinal)
        {
            "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition",
        };
        private static readonly Regex SidPattern = new Regex("^[A-Za-z0-9]*$", RegexOptions.CultureInvariant);
        private static readonly Regex ActionPattern = new Regex("^[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+$", RegexOptions.CultureInvariant);
        private const string IfExistsSuffix = "IfExists";

        public static PolicyDocument Parse(string json)
        {
            if (json is null) throw new ArgumentNullException(nameof(json));
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json);
            }
            catch (JsonException e)
            {
                throw new PolicyFormatException($"The policy is not valid JSON: {e.Message}", e);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw Fail("The policy must be a JSON object with Version and Statement.");
                RejectUnknown(root, DocumentElements, "the policy", "Version, Id, Statement");

                var version = Versions[1]; // IAM's default when Version is omitted.
                if (root.TryGetProperty("Version", out var v))
                {
                    if (v.ValueKind != JsonValueKind.String || !Versions.Contains(v.GetString()))
                        throw Fail($"Version must be \"{Versions[0]}\" (or the legacy \"{Versions[1]}\"), not {v.GetRawText()}.");
                    version = v.GetString()!;
                }

                string? id = null;
                if (root.TryGetProperty("Id", out var idElement))
                {
                    if (idElement.ValueKind != JsonValueKind.String) throw Fail("Id must be a string.");
                    id = idElement.GetString();
                }

                if (!root.TryGetProperty("Statement", out var statementElement)) throw Fail("The policy has no Statement element.");
                var statementObjects = statementElement.ValueKind switch
                {
                    JsonValueKind.Object => new List<JsonElement> { statementElement },
                    JsonValueKind.Array => statementElement.EnumerateArray().ToList(),
                    _ => throw Fail("Statement must be an object or an array of objects."),
                };
                if (statementObjects.Count == 0) throw Fail("Statement must contain at least one statement.");

                var statements = new List<PolicyStatement>();
                var sids = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < statementObjects.Count; i++)
                {
                    var statement = ParseStatement(statementObjects[i], i);
                    if (statement.Sid != null && statement.Sid.Length > 0 && !sids.Add(statement.Sid))
                        throw Fail($"Statement {i} reuses Sid '{statement.Sid}'; Sids must be unique within a policy.");
                    statements.Add(statement);
                }
                return new PolicyDocument(version, id, statements);
            }
        }

        private static PolicyStatement ParseStatement(JsonElement element, int index)
        {
            var where = $"Statement {index}";
            if (element.ValueKind != JsonValueKind.Object) throw Fail($"{where} must be an object.");
            if (element.TryGetProperty("Principal", out _) || element.TryGetProperty("NotPrincipal", out _))
                throw Fail($"{where} has a Principal/NotPrincipal element; identity-based policies must not name a principal.");
            RejectUnknown(element, StatementElements, where, string.Join(", ", StatementElements));

            string? sid = null;
            if (element.TryGetProperty("Sid", out var sidElement))
            {
                if (sidElement.ValueKind != JsonValueKind.String) throw Fail($"{where}: Sid must be a string.");
                sid = sidElement.GetString()!;
                if (!SidPattern.IsMatch(sid)) throw Fail($"{where}: Sid '{sid}' may contain only letters A-Z, a-z and digits 0-9.");
                where = $"Statement {index} ('{sid}')";
            }

            if (!element.TryGetProperty("Effect", out var effectElement)) throw Fail($"{where} has no Effect; use \"Allow\" or \"Deny\".");
            var effect = effectElement.ValueKind == JsonValueKind.String ? effectElement.GetString() : null;
            var parsedEffect = effect switch
            {
                "Allow" => StatementEffect.Allow,
                "Deny" => StatementEffect.Deny,
                _ => throw Fail($"{where}: Effect must be \"Allow\" or \"Deny\", not {effectElement.GetRawText()}."),
            };

            var (actions, notActions) = OneOf(element, "Action", "NotAction", where);
            foreach (var action in actions ?? notActions!)
            {
                if (action != "*" && !ActionPattern.IsMatch(action))
                    throw Fail($"{where}: '{action}' is not an action; write \"service:Action\" (wildcards * and ? allowed) or \"*\".");
            }

            var (resources, notResources) = OneOf(element, "Resource", "NotResource", where);
            foreach (var resource in resources ?? notResources!)
            {
                if (resource != "*" && !resource.StartsWith("arn:", StringComparison.Ordinal))
                    throw Fail($"{where}: resource '{resource}' must be an ARN (arn:partition:service:region:account:resource) or \"*\".");
            }

            var conditions = element.TryGetProperty("Condition", out var conditionElement)
                ? ParseConditions(conditionElement, where)
                : new List<ConditionClause>();

            return new PolicyStatement(sid, parsedEffect, actions, notActions, resources, notResources, conditions);
        }

        private static (IReadOnlyList<string>? positive, IReadOnlyList<string>? negative) OneOf(JsonElement statement, string name, string notName, string where)
        {
            var hasPositive = statement.TryGetProperty(name, out var positive);
            var hasNegative = statement.TryGetProperty(notName, out var negative);
            if (hasPositive && hasNegative) throw Fail($"{where} has both {name} and {notName}; use exactly one.");
            if (!hasPositive && !hasNegative) throw Fail($"{where} has neither {name} nor {notName}; one is required.");
            return hasPositive
                ? (StringOrArray(positive, $"{where}: {name}"), null)
                : (null, StringOrArray(negative, $"{where}: {notName}"));
        }

        private static IReadOnlyList<string> StringOrArray(JsonElement element, string what)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return new[] { NonEmpty(element.GetString()!, what) };
                case JsonValueKind.Array:
                    var values = element.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
                        ? NonEmpty(e.GetString()!, what)
                        : throw Fail($"{what} must contain only strings, found {e.GetRawText()}.")).ToList();
                    if (values.Count == 0) throw Fail($"{what} must not be an empty array.");
                    return values;
                default:
                    throw Fail($"{what} must be a string or an array of strings, not {element.ValueKind}.");
            }
        }

        private static string NonEmpty(string value, string what) =>
            value.Length > 0 ? value : throw Fail($"{what} must not contain an empty string.");

        private static List<ConditionClause> ParseConditions(JsonElement element, string where)
        {
            if (element.ValueKind != JsonValueKind.Object) throw Fail($"{where}: Condition must be an object of operator → {{ key: value(s) }}.");
            var clauses = new List<ConditionClause>();
            foreach (var operatorProperty in element.EnumerateObject())
            {
                var operatorText = operatorProperty.Name;
                var (setOperator, baseName, ifExists) = SplitOperator(operatorText, where);
                if (operatorProperty.Value.ValueKind != JsonValueKind.Object)
                    throw Fail($"{where}: condition operator {operatorText} must map to an object of key → value(s).");
                var any = false;
                foreach (var keyProperty in operatorProperty.Value.EnumerateObject())
                {
                    any = true;
                    var what = $"{where}: {operatorText} {keyProperty.Name}";
                    var values = ConditionValues(keyProperty.Value, what);
                    ValidateValues(baseName, values, what);
                    clauses.Add(new ConditionClause(operatorText, setOperator, baseName, ifExists, keyProperty.Name, values));
                }
                if (!any) throw Fail($"{where}: condition operator {operatorText} names no condition key.");
            }
            return clauses;
        }

        private static (SetOperator, string, bool) SplitOperator(string text, string where)
        {
            var setOperator = SetOperator.None;
            var name = text;
            if (name.StartsWith("ForAllValues:", StringComparison.Ordinal))
            {
                setOperator = SetOperator.ForAllValues;
                name = name.Substring("ForAllValues:".Length);
            }
            else if (name.StartsWith("ForAnyValue:", StringComparison.Ordinal))
            {
                setOperator = SetOperator.ForAnyValue;
                name = name.Substring("ForAnyValue:".Length);
            }

            var ifExists = name.EndsWith(IfExistsSuffix, StringComparison.Ordinal) && name.Length > IfExistsSuffix.Length;
            if (ifExists) name = name.Substring(0, name.Length - IfExistsSuffix.Length);

            if (name == ConditionOperators.Null)
            {
                if (ifExists || setOperator != SetOperator.None)
                    throw Fail($"{where}: {text} is not valid; Null takes neither a set operator nor IfExists.");
                return (setOperator, name, ifExists);
            }
            if (!ConditionOperators.TryGet(name, out _))
                throw Fail($"{where}: unknown condition operator '{text}'. Known operators: {string.Join(", ", ConditionOperators.Names)} " +
                           "(optionally prefixed with ForAllValues: or ForAnyValue:, or suffixed with IfExists).");
            return (setOperator, name, ifExists);
        }

        private static IReadOnlyList<string> ConditionValues(JsonElement element, string what)
        {
            var items = element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToList() : new List<JsonElement> { element };
            if (items.Count == 0) throw Fail($"{what} must have at least one value.");
            return items.Select(e => e.ValueKind switch
            {
                // IAM accepts bare JSON booleans and numbers in conditions ("aws:SecureTransport": true).
                JsonValueKind.String => e.GetString()!,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => e.GetRawText(),
                _ => throw Fail($"{what}: a condition value must be a string, number or boolean, not {e.ValueKind}."),
            }).ToList();
        }

        private static void ValidateValues(string baseName, IReadOnlyList<string> values, string what)
        {
            if (baseName == ConditionOperators.Null)
            {
                if (values.Any(v => !ConditionOperators.IsBool(v))) throw Fail($"{what}: Null takes true or false.");
                return;
            }
            ConditionOperators.TryGet(baseName, out var op);
            var bad = values.FirstOrDefault(v => !op.IsValidPolicyValue(v));
            if (bad != null) throw Fail($"{what}: '{bad}' is not {op.ValueDescription}.");
        }

        private static void RejectUnknown(JsonElement element, HashSet<string> allowed, string where, string allowedList)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (!allowed.Contains(property.Name))
                    throw Fail($"{where} has an unknown element '{property.Name}'; allowed: {allowedList} (names are case-sensitive).");
            }
        }

        private static PolicyFormatException Fail(string message) => new PolicyFormatException(message);
    }
}
