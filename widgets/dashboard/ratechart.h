#pragma once

#include <QChartView>
#include <QList>
#include <QPointF>

#include <map>

class QLineSeries;
class QValueAxis;

namespace flowdeck {

/// A line chart of a few named series over time (rows/s per table, messages/s per topic, lag).
/// Points go into bounded buffers (appendPoint, cheap, any rate); replot() moves them into the
/// chart in one replace() per series and rescales the axes — the owner calls it from its
/// coalescing timer, so the chart redraws at a steady pace however fast points come.
class RateChart : public QChartView
{
    Q_OBJECT
public:
    explicit RateChart(const QString &title, const QString &unit, QWidget *parent = nullptr);

    /// Adds a point to `series` (created on first use). `t`: seconds since the monitor opened.
    void appendPoint(const QString &series, double t, double y);
    /// Pushes the buffered points into the chart.
    void replot();
    void clear();

    /// Points kept per series (older ones are dropped).
    static constexpr int kMaxPoints = 600;
    /// Seconds shown on the time axis.
    static constexpr double kWindowSeconds = 60;

    /// For tests: points currently shown of `series` (0 when unknown).
    int pointCount(const QString &series) const;
    QStringList seriesNames() const;

private:
    void shortenNames();

    struct Line
    {
        QLineSeries *series = nullptr;
        QList<QPointF> points;
        bool dirty = false;
    };
    std::map<QString, Line> m_lines;
    QValueAxis *m_x = nullptr;
    QValueAxis *m_y = nullptr;
    double m_lastT = 0;
};

} // namespace flowdeck
