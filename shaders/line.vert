#version 450 core
// World-space line segments of constant pixel width: core profiles offer no
// wide lines, so each segment is one instance of a four-vertex triangle
// strip, its corners pushed apart across the segment on the screen.
layout(location = 0) in vec3 a_a;
layout(location = 1) in vec3 a_b;
layout(location = 2) in vec4 a_color;

layout(location = 0) uniform mat4 u_clip_from_world;
layout(location = 1) uniform vec2 u_viewport; // pixels
layout(location = 2) uniform float u_width;   // pixels

out vec4 v_color;

void main()
{
    v_color = a_color;
    vec4 ca = u_clip_from_world * vec4(a_a, 1.0);
    vec4 cb = u_clip_from_world * vec4(a_b, 1.0);
    // Signed distance inside the near plane (z >= -w in GL clip space).
    float da = ca.z + ca.w, db = cb.z + cb.w;
    if (da < 0.0 && db < 0.0) {
        // Wholly behind the near plane: a zero-area strip off screen.
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        return;
    }
    // An end behind the eye would project mirrored through w = 0 and smear
    // the quad across the screen; move it along the segment to just inside
    // the near plane so only the visible part is drawn.
    if (da < 0.0) ca = mix(ca, cb, min(da / (da - db) + 1e-5, 1.0));
    else if (db < 0.0) cb = mix(cb, ca, min(db / (db - da) + 1e-5, 1.0));

    vec2 half_vp = 0.5 * u_viewport;
    vec2 sa = ca.xy / ca.w * half_vp, sb = cb.xy / cb.w * half_vp; // pixels
    vec2 dir = sb - sa;
    float len = length(dir);
    // Seen end-on the segment has no direction on screen; any will do.
    dir = len > 1e-4 ? dir / len : vec2(1.0, 0.0);
    vec2 across = vec2(-dir.y, dir.x);

    bool at_b = (gl_VertexID & 1) != 0;
    float side = (gl_VertexID & 2) != 0 ? 0.5 : -0.5;
    vec4 c = at_b ? cb : ca;
    // Offset in pixels, back to clip space (times w: undone by the divide).
    c.xy += across * (side * u_width) / half_vp * c.w;
    gl_Position = c;
}
