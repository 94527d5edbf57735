#version 450 core
// Outline, second half: combines the row distances of the rows within
// u_radius into the Euclidean distance to the nearest visible and nearest
// any mask pixel, and draws the band where that distance is at most the
// width, with a one-pixel soft edge. Pixels of the mask itself are left
// alone: the band lies around the silhouette, never on it. Colour is linear
// and written sRGB-encoded, like line.frag.
layout(binding = 0) uniform sampler2D u_mask;
layout(binding = 1) uniform sampler2D u_rows;
layout(location = 0) uniform int u_radius;
layout(location = 1) uniform float u_width;
layout(location = 2) uniform vec4 u_color;
layout(location = 3) uniform float u_occluded_alpha;

out vec4 o_color;

vec3 linear_to_srgb(vec3 c)
{
    vec3 lo = c * 12.92;
    vec3 hi = 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055;
    return mix(lo, hi, step(vec3(0.0031308), c));
}

void main()
{
    ivec2 p = ivec2(gl_FragCoord.xy);
    if (texelFetch(u_mask, p, 0).r > 0.25) discard;
    int h = textureSize(u_rows, 0).y;
    float none = float(u_radius + 1);
    float best_vis = none * none * 2.0, best_any = best_vis;
    for (int dy = -u_radius; dy <= u_radius; dy++) {
        int y = p.y + dy;
        if (y < 0 || y >= h) continue;
        vec2 d = texelFetch(u_rows, ivec2(p.x, y), 0).rg * 255.0;
        float dy2 = float(dy * dy);
        if (d.x < none) best_vis = min(best_vis, d.x * d.x + dy2);
        if (d.y < none) best_any = min(best_any, d.y * d.y + dy2);
    }
    // Distances run between pixel centres; the silhouette's edge is half a
    // pixel out from a mask pixel's centre, and a pixel whose centre lies d
    // from it is about d - w + 0.5 outside a band w wide: covered by
    // w + 1 - d, clamped.
    float cover_vis = clamp(u_width + 1.0 - sqrt(best_vis), 0.0, 1.0);
    float cover_any = clamp(u_width + 1.0 - sqrt(best_any), 0.0, 1.0);
    float a = max(cover_vis, u_occluded_alpha * cover_any) * u_color.a;
    if (a <= 0.0) discard;
    o_color = vec4(linear_to_srgb(clamp(u_color.rgb, 0.0, 1.0)), a);
}
