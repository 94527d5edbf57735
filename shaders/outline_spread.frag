#version 450 core
// Outline, first half of the dilation: along its row, each pixel's distance
// in pixels to the nearest mask pixel that is visible (r) and to the nearest
// one at all (g), up to u_radius; u_radius + 1 means none. Stored as d / 255
// in an RG8 texture, which holds whole numbers up to 255 exactly.
layout(binding = 0) uniform sampler2D u_mask;
layout(location = 0) uniform int u_radius;

out vec2 o_dist;

void main()
{
    ivec2 p = ivec2(gl_FragCoord.xy);
    int w = textureSize(u_mask, 0).x;
    float none = float(u_radius + 1);
    float d_vis = none, d_any = none;
    // Outwards from the pixel itself, so the first hit is the nearest.
    for (int d = 0; d <= u_radius && d_vis == none; d++) {
        float l = p.x - d >= 0 ? texelFetch(u_mask, ivec2(p.x - d, p.y), 0).r : 0.0;
        float r = p.x + d < w ? texelFetch(u_mask, ivec2(p.x + d, p.y), 0).r : 0.0;
        float m = max(l, r);
        if (m > 0.25 && d_any == none) d_any = float(d);
        if (m > 0.75) d_vis = float(d);
    }
    o_dist = vec2(d_vis, d_any) / 255.0;
}
