#include "ratechart.h"

#include <QChart>
#include <QFont>
#include <QPen>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace flowdeck {

RateChart::RateChart(const QString &title, const QString &unit, QWidget *parent)
    : QChartView(parent)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignRight);
    QFont legendFont = chart->legend()->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    chart->legend()->setFont(legendFont);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_x = new QValueAxis;
    m_x->setTitleText(tr("seconds"));
    m_x->setLabelFormat(QStringLiteral("%d"));
    m_x->setRange(0, 60);
    m_x->setTickType(QValueAxis::TicksDynamic); // ticks on multiples of 15 s as the window scrolls
    m_x->setTickAnchor(0);
    m_x->setTickInterval(15);
    m_y = new QValueAxis;
    m_y->setTitleText(unit);
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    m_y->setRange(0, 1);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(230);
}

void RateChart::appendPoint(const QString &series, double t, double y)
{
    Line &line = m_lines[series];
    if (!line.series) {
        line.series = new QLineSeries(this);
        line.series->setName(series);
        chart()->addSeries(line.series);
        line.series->attachAxis(m_x);
        line.series->attachAxis(m_y);
        shortenNames();
    }
    line.points.append(QPointF(t, y));
    if (line.points.size() > kMaxPoints)
        line.points.remove(0, line.points.size() - kMaxPoints);
    line.dirty = true;
    m_lastT = std::max(m_lastT, t);
}

void RateChart::replot()
{
    double maxY = 0;
    const double from = std::max(0.0, m_lastT - kWindowSeconds);
    for (auto &[name, line] : m_lines) {
        if (line.dirty) {
            line.series->replace(line.points);
            line.dirty = false;
        }
        for (const QPointF &p : std::as_const(line.points))
            if (p.x() >= from)
                maxY = std::max(maxY, p.y());
    }
    m_x->setRange(from, std::max(from + 60, m_lastT));
    // A round top: 1, 2 or 5 times a power of ten above the highest point.
    double top = 1;
    if (maxY > 0) {
        const double magnitude = std::pow(10.0, std::floor(std::log10(maxY)));
        for (double f : {1.0, 2.0, 5.0, 10.0})
            if (f * magnitude >= maxY * 1.05) {
                top = f * magnitude;
                break;
            }
    }
    m_y->setRange(0, top);
    m_y->setLabelFormat(top < 10 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
}

void RateChart::shortenNames()
{
    // "tpcc.customer", "tpcc.district"... → "customer", "district": the legend stays readable.
    QString prefix;
    if (m_lines.size() > 1) {
        prefix = m_lines.begin()->first;
        for (const auto &[name, line] : m_lines) {
            qsizetype n = 0;
            while (n < prefix.size() && n < name.size() && prefix[n] == name[n])
                ++n;
            prefix.truncate(n);
        }
        const qsizetype cut = std::max(prefix.lastIndexOf(QLatin1Char('.')), prefix.lastIndexOf(QLatin1Char('_')));
        prefix.truncate(cut + 1);
    }
    // Ten distinct colours by sorted name: "tpcc.orders" and "tidb_tpcc_orders" get the same
    // colour in the table and the topic chart.
    static const QColor palette[] = {QColor(0x1f77b4), QColor(0xff7f0e), QColor(0x2ca02c), QColor(0xd62728), QColor(0x9467bd),
                                     QColor(0x8c564b), QColor(0xe377c2), QColor(0x7f7f7f), QColor(0xbcbd22), QColor(0x17becf)};
    std::size_t i = 0;
    for (auto &[name, line] : m_lines) {
        line.series->setName(name.mid(prefix.size()));
        QPen pen(palette[i++ % std::size(palette)]);
        pen.setWidthF(1.5);
        line.series->setPen(pen);
    }
}

void RateChart::clear()
{
    for (auto &[name, line] : m_lines) {
        line.points.clear();
        line.series->clear();
    }
    m_lastT = 0;
}

int RateChart::pointCount(const QString &series) const
{
    const auto it = m_lines.find(series);
    return it == m_lines.end() ? 0 : int(it->second.series->count());
}

QStringList RateChart::seriesNames() const
{
    QStringList names;
    for (const auto &[name, line] : m_lines)
        names << name;
    return names;
}

} // namespace flowdeck
