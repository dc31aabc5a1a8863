using System.Globalization;
using System.Net;
using System.Text;

namespace OrleansGossip.Silo.Reports.Html;

/// <summary>
/// A self-contained HTML page built top to bottom: headings, text, tables, a prominent warning and figures of
/// inline SVG, styled by an inline style sheet. It references nothing outside itself.
/// </summary>
public sealed class HtmlPage(string title)
{
    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 24px auto; max-width: 1260px; padding: 0 16px; }
        h1 { font-size: 24px; margin-bottom: 4px; }
        h2 { font-size: 19px; margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        h3 { font-size: 15px; margin: 18px 0 6px; }
        p.meta { color: #555; margin-top: 0; }
        p.note { color: #555; font-size: 13px; }
        .warning { background: #fff3cd; border: 2px solid #e0a800; border-left-width: 8px; padding: 12px 16px; margin: 16px 0; font-size: 15px; }
        .warning strong { color: #8a5a00; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; margin: 8px 0 16px; font-size: 12.5px; }
        th, td { border: 1px solid #ddd; padding: 3px 6px; }
        th { vertical-align: bottom; }
        th { background: #f4f6f8; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .figures { display: flex; flex-wrap: wrap; gap: 12px; }
        figure { margin: 0; border: 1px solid #e4e4e4; }
        figure svg { display: block; max-width: 100%; height: auto; }
        figcaption { font-size: 12px; color: #555; padding: 4px 8px 8px; max-width: 584px; }
        """;

    private readonly StringBuilder _body = new();

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    public HtmlPage Heading(int level, string text)
    {
        _body.Append($"<h{level}>{Escape(text)}</h{level}>\n");
        return this;
    }

    public HtmlPage Paragraph(string text, string cssClass = "note")
    {
        _body.Append($"<p class=\"{cssClass}\">{Escape(text)}</p>\n");
        return this;
    }

    /// <summary>A warning in a box that nobody reading the page can miss.</summary>
    public HtmlPage Warning(string heading, string text)
    {
        _body.Append($"<div class=\"warning\" role=\"alert\"><strong>{Escape(heading)}</strong> {Escape(text)}</div>\n");
        return this;
    }

    /// <summary>A line of relative links, such as to the files next to this page.</summary>
    public HtmlPage Links(IEnumerable<(string Href, string Text)> links)
    {
        _body.Append("<p>").Append(string.Join(" · ", links.Select(l => $"<a href=\"{Escape(l.Href)}\">{Escape(l.Text)}</a>"))).Append("</p>\n");
        return this;
    }

    /// <summary>A table; cells that read as numbers (or "–") are right-aligned.</summary>
    public HtmlPage Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        _body.Append("<div class=\"scroll\"><table><thead><tr>");
        foreach (var header in headers)
        {
            _body.Append($"<th>{Escape(header)}</th>");
        }

        _body.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (var cell in row)
            {
                _body.Append(IsNumeric(cell) ? $"<td class=\"num\">{Escape(cell)}</td>" : $"<td>{Escape(cell)}</td>");
            }

            _body.Append("</tr>\n");
        }

        _body.Append("</tbody></table></div>\n");
        return this;
    }

    /// <summary>Figures side by side, as the width allows: inline SVG with an optional caption each.</summary>
    public HtmlPage Figures(IEnumerable<(string Svg, string? Caption)> figures)
    {
        _body.Append("<div class=\"figures\">\n");
        foreach (var (svg, caption) in figures)
        {
            _body.Append("<figure>").Append(svg);
            if (caption is not null)
            {
                _body.Append($"<figcaption>{Escape(caption)}</figcaption>");
            }

            _body.Append("</figure>\n");
        }

        _body.Append("</div>\n");
        return this;
    }

    public override string ToString() =>
        $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
        $"<title>{Escape(title)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n{_body}</body>\n</html>\n";

    private static bool IsNumeric(string cell) =>
        cell == "–" || double.TryParse(cell.TrimEnd('%', '×'), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _);
}
