using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace CloudDesignPatterns.Engine.Iam
{
    /// <summary>
    /// Writes a role's statements as an IAM policy document: indented, elements in IAM's usual order, a list with one
    /// entry written as a plain string, and '\n' line endings on every OS so the published text is byte-identical.
    /// </summary>
    internal static class PolicyJsonWriter
    {
        public const string PolicyVersion = "2012-10-17";

        public static string Write(IReadOnlyList<StatementDefinition> statements)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("Version", PolicyVersion);
                json.WriteStartArray("Statement");
                foreach (var statement in statements) WriteStatement(json, statement);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n");
        }

        private static void WriteStatement(Utf8JsonWriter json, StatementDefinition statement)
        {
            json.WriteStartObject();
            json.WriteString("Sid", statement.Sid);
            json.WriteString("Effect", statement.Effect);
            WriteStringOrArray(json, "Action", statement.ActionList);
            WriteStringOrArray(json, "Resource", statement.ResourceList);
            if (statement.Conditions.Count > 0)
            {
                json.WriteStartObject("Condition");
                foreach (var byOperator in statement.Conditions.GroupBy(c => c.Operator))
                {
                    json.WriteStartObject(byOperator.Key);
                    foreach (var condition in byOperator) WriteStringOrArray(json, condition.Key, condition.Values);
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }

        private static void WriteStringOrArray(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
        {
            if (values.Count == 1)
            {
                json.WriteString(name, values[0]);
                return;
            }
            json.WriteStartArray(name);
            foreach (var value in values) json.WriteStringValue(value);
            json.WriteEndArray();
        }
    }
}
