// Draws packaging/icons/flowdeck-<N>.png from the shapes of flowdeck.svg (Debian's Qt has no SVG
// module in the build dependencies, so the PNGs are drawn with QPainter). Not part of the build:
//   g++ -std=c++20 -fPIC render-icons.cpp $(pkg-config --cflags --libs Qt6Gui) -o /tmp/render-icons
//   QT_QPA_PLATFORM=offscreen /tmp/render-icons packaging/icons
#include <QGuiApplication>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512}) {
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(size / 256.0, size / 256.0);
        QLinearGradient g(16, 16, 240, 240);
        g.setColorAt(0, QColor(0x1e, 0x88, 0xe5));
        g.setColorAt(1, QColor(0x39, 0x49, 0xab));
        p.setPen(Qt::NoPen);
        p.setBrush(g);
        p.drawRoundedRect(QRectF(16, 16, 224, 224), 48, 48);
        const struct { qreal x, y, opacity; } bars[] = {{52, 64, 1.0}, {72, 114, 0.85}, {92, 164, 0.7}};
        for (const auto &b : bars) {
            p.setBrush(QColor(255, 255, 255, int(255 * b.opacity)));
            p.drawRoundedRect(QRectF(b.x, b.y, 112, 28), 14, 14);
        }
        p.end();
        image.save(QStringLiteral("%1/flowdeck-%2.png").arg(dir).arg(size));
    }
    return 0;
}
